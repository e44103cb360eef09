using DossierTracking.Contracts.Postal;
using static DossierTracking.Silo.Storage.DbCommandParameters;

namespace DossierTracking.Silo.Storage;

/// <summary>
/// The carriers' lists, from the shipment columns of the read model (migrations 0010 PostgreSQL / 0009 SQLite). Served
/// by the partial index on (carrier, receipt code) over open shipments, so a page costs the same at any list length.
/// </summary>
public sealed partial class DossierIndexStore
{
    /// <summary>The index's own condition, repeated in the query so that SQLite sees it may use the partial index.</summary>
    private const string OpenShipment = "shipment_status BETWEEN 1 AND 4";

    public async Task<IReadOnlyList<ShipmentListRow>> ListShipmentsAsync(string carrier, ShipmentQueue queue, string? afterReceiptCode, int limit,
        CancellationToken cancellationToken = default)
    {
        var statuses = queue switch
        {
            ShipmentQueue.AwaitingPickup => "(1)",
            ShipmentQueue.InTransit => "(2, 3, 4)",
            _ => "(1, 2, 3, 4)",
        };
        await using var connection = await connections.OpenReadModelAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT receipt_code, shipment_number, shipment_status, shipment_handed_at_ms, shipment_status_at_ms FROM dvc_dossier_index " +
            $"WHERE shipment_carrier = @carrier AND {OpenShipment} AND shipment_status IN {statuses}" +
            (afterReceiptCode is null ? "" : " AND receipt_code > @after") +
            " ORDER BY receipt_code LIMIT @limit";
        Add(command, "carrier", carrier);
        if (afterReceiptCode is not null)
        {
            Add(command, "after", afterReceiptCode);
        }

        Add(command, "limit", limit);
        var rows = new List<ShipmentListRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var code = reader.GetString(0);
            rows.Add(new ShipmentListRow
            {
                ReceiptCode = code,
                TrackingNumber = Shipment.TrackingNumberOf(code, reader.GetInt32(1)),
                Status = (ShipmentStatus)reader.GetInt32(2),
                HandedAt = Moment(reader, 3) ?? DateTimeOffset.UnixEpoch,
                StatusAt = Moment(reader, 4) ?? DateTimeOffset.UnixEpoch,
            });
        }

        return rows;
    }
}
