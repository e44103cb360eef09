using System.Data.Common;
using System.Globalization;
using DossierTracking.Contracts.Dossiers;
using DossierTracking.Contracts.Feed;
using DossierTracking.Domain.Dossiers;
using DossierTracking.Grains.Dossiers;
using DossierTracking.Grains.Storage;
using DossierTracking.Silo.Storage;
using Orleans.Serialization;
using static DossierTracking.Silo.Storage.DbCommandParameters;

namespace DossierTracking.Silo.Feed;

/// <summary>
/// Reads the change feed (table dvc_change_feed, migrations 0005 PostgreSQL / 0004 SQLite) on the read-model pool. A
/// page is the feed rows after a position, then the stored states of the distinct dossiers they name, in one query,
/// from which each change takes the history entry of its version. A feed row is written in the same transaction as
/// the state it records, so the state read afterwards is at that version or later, and history is append-only.
/// </summary>
public sealed class ChangeFeedStore(StorageConnections connections, Serializer serializer, string serviceId) : IChangeFeed
{
    public async Task<FeedPage> ReadAsync(long afterPosition, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterPosition);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await using var connection = await connections.OpenReadModelAsync(cancellationToken);
        var rows = new List<FeedRow>(Math.Min(limit, 1000) + 1);
        await using (var command = connection.CreateCommand())
        {
            // One row more than asked tells whether more are committed already.
            command.CommandText =
                "SELECT position, receipt_code, version, committed_at FROM dvc_change_feed WHERE position > @after ORDER BY position LIMIT @limit";
            Add(command, "after", afterPosition);
            Add(command, "limit", (long)limit + 1);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(new FeedRow(reader.GetInt64(0), reader.GetString(1), Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture), Moment(reader, 3)));
            }
        }

        // Read after the rows: retention removing some meanwhile raises it, so a reader is told of a gap rather than
        // silently skipping one (the rows it got below the horizon are dropped).
        var removedThrough = await RemovedThroughAsync(connection, cancellationToken);
        rows.RemoveAll(r => r.Position <= removedThrough);
        var hasMore = rows.Count > limit;
        if (hasMore)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        if (rows.Count == 0)
        {
            return new FeedPage { Changes = [], HasMore = false, RemovedThrough = removedThrough };
        }

        var dossiers = await LoadDossiersAsync(connection, rows.Select(r => r.ReceiptCode).Distinct(StringComparer.Ordinal).ToList(), cancellationToken);
        var changes = new List<FeedChange>(rows.Count);
        foreach (var row in rows)
        {
            var dossier = dossiers.GetValueOrDefault(row.ReceiptCode);
            var version = DossierVersion(dossier, row.Version);
            var entry = dossier is null ? null : EntryOf(dossier, version);
            changes.Add(new FeedChange
            {
                Position = row.Position,
                ReceiptCode = row.ReceiptCode,
                Version = version,
                CommittedAt = row.CommittedAt ?? entry?.At ?? DateTimeOffset.UnixEpoch,
                Entry = entry,
                ProcedureCode = dossier?.ProcedureCode ?? "",
                ReceivingDeskCode = dossier?.ReceivingDeskCode ?? "",
                HandlingAgencyCode = dossier?.HandlingAgencyCode ?? "",
                Imported = dossier is not null && version <= dossier.ImportedVersion,
            });
        }

        return new FeedPage { Changes = changes, HasMore = hasMore, RemovedThrough = removedThrough };
    }

    /// <summary>The highest position retention has removed (0 when none).</summary>
    public static async Task<long> RemovedThroughAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT removed_through FROM dvc_feed_horizon WHERE id = 1";
        return await command.ExecuteScalarAsync(cancellationToken) is { } value and not DBNull ? Convert.ToInt64(value, CultureInfo.InvariantCulture) : 0;
    }

    public async Task<long> NewestPositionAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenReadModelAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // Above the retention horizon even when the feed is empty.
        command.CommandText = "SELECT MAX(p) FROM (SELECT COALESCE(MAX(position), 0) AS p FROM dvc_change_feed UNION ALL SELECT removed_through FROM dvc_feed_horizon WHERE id = 1) AS positions";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The dossier version a write of its row produced. The row's version counts writes; a dossier made here changes once a
    /// write, so the two are equal. An imported dossier arrives whole in one write (its row's version 1) at its history's
    /// last version, and goes on from there.
    /// </summary>
    public static long DossierVersion(DossierRecord? dossier, long rowVersion) =>
        dossier is { ImportedVersion: > 1 } imported ? rowVersion + imported.ImportedVersion - 1 : rowVersion;

    /// <summary>The history entry a change produced: entries are in version order from 1, so it is normally at index version - 1.</summary>
    private static HistoryEntry? EntryOf(DossierRecord dossier, long version)
    {
        var history = dossier.History;
        if (version >= 1 && version <= history.Count && history[(int)(version - 1)].Version == version)
        {
            return history[(int)(version - 1)];
        }

        return history.FirstOrDefault(h => h.Version == version);
    }

    private async Task<Dictionary<string, DossierRecord>> LoadDossiersAsync(DbConnection connection, IReadOnlyList<string> codes,
        CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        Add(command, "service", serviceId);
        Add(command, "state", StorageNames.DossierState);
        if (connections.Backend == Configuration.StorageBackend.PostgreSql)
        {
            // One primary-key lookup per code, every key column bound by equality. Written as "key_text = ANY(@codes)",
            // the planner, with the statistics of a table that was small when last analysed (a new deployment, a load
            // test), kept key_text out of the index condition and read every dossier's row for each page of the feed:
            // 33 ms a page at 20,000 dossiers, growing with the table, and the largest PostgreSQL cost of a write-heavy
            // hour. This form measured about 1 ms a page in the same runs (README, "Where a write's cost goes").
            command.CommandText = "SELECT g.key_text, g.payload FROM unnest(@codes) AS c(code) CROSS JOIN LATERAL (" +
                "SELECT key_text, payload FROM dvc_grain_state WHERE service_id = @service AND state_name = @state AND key_text = c.code " +
                "AND payload IS NOT NULL LIMIT 1) AS g";
            Add(command, "codes", codes.ToArray());
        }
        else
        {
            command.CommandText = "SELECT key_text, payload FROM dvc_grain_state WHERE service_id = @service AND state_name = @state AND payload IS NOT NULL AND " +
                "key_text IN (" + string.Join(", ", codes.Select((_, i) => "@c" + i.ToString(CultureInfo.InvariantCulture))) + ")";
            for (var i = 0; i < codes.Count; i++)
            {
                Add(command, "c" + i.ToString(CultureInfo.InvariantCulture), codes[i]);
            }
        }

        var dossiers = new Dictionary<string, DossierRecord>(codes.Count, StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (DossierSlot.FromPayload(serializer, (byte[])reader.GetValue(1)) is { } dossier)
            {
                dossiers[reader.GetString(0)] = dossier;
            }
        }

        return dossiers;
    }

    /// <summary>timestamptz on PostgreSQL; on SQLite the state row's modified_at text (UTC, ISO 8601).</summary>
    private static DateTimeOffset? Moment(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetValue(ordinal) switch
    {
        DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
        DateTimeOffset moment => moment,
        string text => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
        var other => throw new InvalidDataException($"dvc_change_feed.committed_at holds a {other.GetType().Name}."),
    };

    private sealed record FeedRow(long Position, string ReceiptCode, long Version, DateTimeOffset? CommittedAt);
}
