namespace DossierTracking.Contracts.Dossiers;

/// <summary>A fee or charge line, in whole đồng.</summary>
[GenerateSerializer, Immutable, Alias("dvc.FeeLine")]
public sealed record FeeLine
{
    [Id(0)] public required string Name { get; init; }
    [Id(1)] public required long Amount { get; init; }
}
