namespace DossierTracking.Contracts.Postal;

/// <summary>A shipment as a carrier's list shows it (from the read model).</summary>
public sealed record ShipmentListRow
{
    public required string ReceiptCode { get; init; }
    public required string TrackingNumber { get; init; }
    public required ShipmentStatus Status { get; init; }
    public required DateTimeOffset HandedAt { get; init; }
    public required DateTimeOffset StatusAt { get; init; }
}
