using DossierTracking.Contracts.Dossiers;

namespace DossierTracking.Contracts.Postal;

/// <summary>The answer to a postal report: the shipment as it stands (after the report is durable), or the refusal.</summary>
[GenerateSerializer, Immutable, Alias("dvc.PostalReply")]
public sealed record PostalReply
{
    [Id(0)] public Failure? Failure { get; init; }
    [Id(1)] public PostalOutcome Outcome { get; init; }
    [Id(2)] public string Message { get; init; } = "";
    [Id(3)] public Shipment? Shipment { get; init; }
    [Id(4)] public DossierState DossierState { get; init; }
    [Id(5)] public long DossierVersion { get; init; }
}
