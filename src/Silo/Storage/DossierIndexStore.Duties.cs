using System.Data.Common;
using DossierTracking.Contracts.Duties;

namespace DossierTracking.Silo.Storage;

/// <summary>
/// The due index of the scheduled duties, from the duty columns of the read model (migrations 0015 PostgreSQL / 0013
/// SQLite). A round's query reads the partial index on (duty_at_ms, receipt code) in order and stops at its limit, so it
/// costs the same however many dossiers there are; rows that owe nothing are not in that index. The same text on both
/// databases.
/// </summary>
public sealed partial class DossierIndexStore : IDutyIndex
{
    public async Task<IReadOnlyList<DutyCandidate>> DueAsync(DateTimeOffset now, DutyCandidate? after, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenReadModelAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT receipt_code, version, duty_at_ms FROM dvc_dossier_index WHERE duty_at_ms IS NOT NULL AND duty_at_ms <= @now" +
            (after is { DutyAt: { } } ? " AND (duty_at_ms, receipt_code) > (@afterAt, @afterCode)" : "") +
            " ORDER BY duty_at_ms, receipt_code LIMIT @limit";
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
        command.CommandText = "SELECT receipt_code, version, duty_at_ms FROM dvc_dossier_index WHERE duty_known = 0" +
            (afterReceiptCode is null ? "" : " AND receipt_code > @after") + " ORDER BY receipt_code LIMIT @limit";
        if (afterReceiptCode is not null)
        {
            Add(command, "after", afterReceiptCode);
        }

        Add(command, "limit", limit);
        return await ReadCandidates(command, cancellationToken);
    }

    public async Task<bool> SetDutyAtAsync(string receiptCode, long version, DateTimeOffset? dutyAt, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenReadModelAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE dvc_dossier_index SET duty_at_ms = @at, duty_known = 1 WHERE receipt_code = @code AND version = @version";
        Add(command, "at", dutyAt is { } at ? at.ToUnixTimeMilliseconds() : DBNull.Value);
        Add(command, "code", receiptCode);
        Add(command, "version", version);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
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
