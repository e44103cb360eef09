namespace DossierTracking.Contracts.Catalog;

/// <summary>A fee or charge (phí, lệ phí) of a procedure, in whole đồng.</summary>
[GenerateSerializer, Immutable, Alias("dvc.ProcedureFee")]
public sealed record ProcedureFee
{
    [Id(0)] public required string Name { get; init; }
    [Id(1)] public required long Amount { get; init; }
    [Id(2)] public required FeeTiming Timing { get; init; }
}
