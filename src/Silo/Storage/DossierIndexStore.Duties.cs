using System.Data.Common;
using DossierTracking.Contracts.Duties;
using static DossierTracking.Silo.Storage.DbCommandParameters;

namespace DossierTracking.Silo.Storage;

/// <summary>
/// The due index of the scheduled duties: dvc_dossier_duty, one narrow row per dossier that owes something (migrations
/// 0019 PostgreSQL / 0016 SQLite), and the read model's duty_known (0015 / 0013). A round's query reads the index on
/// (duty_at_ms, receipt code) in order and stops at its limit, so it costs the same however many dossiers there are,
/// and takes each row's version from the read model. The same text on both databases.
/// </summary>
public sealed partial class DossierIndexStore : IDutyIndex
{
    public async Task<IReadOnlyList<DutyCandidate>> DueAsync(DateTimeOffset now, DutyCandidate? after, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenReadModelAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT d.receipt_code, i.version, d.duty_at_ms FROM dvc_dossier_duty d JOIN dvc_dossier_index i ON i.receipt_code = d.receipt_code " +
            "WHERE d.duty_at_ms <= @now" +
            (after is { DutyAt: { } } ? " AND (d.duty_at_ms, d.receipt_code) > (@afterAt, @afterCode)" : "") +
            " ORDER BY d.duty_at_ms, d.receipt_code LIMIT @limit";
        Add(command, "now", now.ToUnixTimeMilliseconds());
        if (after is { DutyAt: { } afterAt })
        {
            Add(command, "afterAt", afterAt.ToUnixTimeMilliseconds());
            Add(command, "afterCode", after.ReceiptCode);
        }

        Add(command, "limit", limit);
        return await ReadCandidates(command, cancellationToken);
    }

    public async Task<IReadOnlyList<DutyCandidate>> UnknownAsync(string? afterReceiptCode, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenReadModelAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT i.receipt_code, i.version, d.duty_at_ms FROM dvc_dossier_index i " +
            "LEFT JOIN dvc_dossier_duty d ON d.receipt_code = i.receipt_code WHERE i.duty_known = 0" +
            (afterReceiptCode is null ? "" : " AND i.receipt_code > @after") + " ORDER BY i.receipt_code LIMIT @limit";
        if (afterReceiptCode is not null)
        {
            Add(command, "after", afterReceiptCode);
        }

        Add(command, "limit", limit);
        return await ReadCandidates(command, cancellationToken);
    }

    /// <summary>Sets the due time of the read-model row at <paramref name="version"/> (one transaction); false when the row has moved on.</summary>
    public async Task<bool> SetDutyAtAsync(string receiptCode, long version, DateTimeOffset? dutyAt, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenReadModelAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var known = connection.CreateCommand())
        {
            known.Transaction = transaction;
            // Locks the row at that version, so no upsert of a newer one can slip in before the due time below.
            known.CommandText = "UPDATE dvc_dossier_index SET duty_known = 1 WHERE receipt_code = @code AND version = @version";
            Add(known, "code", receiptCode);
            Add(known, "version", version);
            if (await known.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return false;
            }
        }

        await using (var duty = connection.CreateCommand())
        {
            duty.Transaction = transaction;
            duty.CommandText = dutyAt is null ? DutyDelete : DutyUpsert;
            Add(duty, "code", receiptCode);
            if (dutyAt is { } at)
            {
                Add(duty, "at", at.ToUnixTimeMilliseconds());
            }

            await duty.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static async Task<IReadOnlyList<DutyCandidate>> ReadCandidates(DbCommand command, CancellationToken cancellationToken)
    {
        var candidates = new List<DutyCandidate>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            candidates.Add(new DutyCandidate(reader.GetString(0), reader.GetInt64(1), Moment(reader, 2)));
        }

        return candidates;
    }
}
