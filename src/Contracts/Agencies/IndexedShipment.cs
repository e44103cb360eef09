using DossierTracking.Contracts.Postal;

namespace DossierTracking.Contracts.Agencies;

/// <summary>
/// A dossier's latest shipment by post as the read model keeps it, for the carriers' lists (a dossier has at most one
/// open shipment). A separate record so that rows without a shipment, and the agencies' copies, carry one null reference.
/// </summary>
[GenerateSerializer, Immutable, Alias("dvc.IndexedShipment")]
public sealed record IndexedShipment
{
    [Id(0)] public required int Number { get; init; }
    /// <summary>The carrier's partner code (empty for a shipment handed over before carriers were named).</summary>
    [Id(1)] public required string Carrier { get; init; }
    [Id(2)] public required ShipmentStatus Status { get; init; }
    [Id(3)] public required DateTimeOffset HandedAt { get; init; }
    /// <summary>Event time of the current status.</summary>
    [Id(4)] public required DateTimeOffset StatusAt { get; init; }
}
