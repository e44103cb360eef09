namespace DossierTracking.Contracts.Postal;

/// <summary>
/// A carrier's open shipments, from the read model (the same rows the change relays write and the repair rebuilds, so
/// the list survives a crash like the agency lists do). Keyset-paged in receipt-code order: a dossier has at most one
/// open shipment, so the receipt code names it and keeps its place while the shipment moves between queues.
/// </summary>
public interface IShipmentIndex
{
    /// <summary>
    /// The open shipments carried by <paramref name="carrier"/> in <paramref name="queue"/>, after
    /// <paramref name="afterReceiptCode"/> (null for the first page). The carrier is part of the query, so a page never
    /// holds another carrier's shipment.
    /// </summary>
    Task<IReadOnlyList<ShipmentListRow>> ListShipmentsAsync(string carrier, ShipmentQueue queue, string? afterReceiptCode, int limit,
        CancellationToken cancellationToken = default);
}
