using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using DossierTracking.Contracts.Audit;
using Npgsql;

namespace DossierTracking.Silo.Storage;

/// <summary>
/// Keeps the audit tables in shape. On PostgreSQL: creates this month's and next month's partitions of dvc_audit and
/// dvc_audit_dossier (moving into a new partition any rows the DEFAULT partition caught for its month), drops the
/// partitions wholly older than the retention, and clears the DEFAULT partitions of rows older than it. One silo at a
/// time: each run is one transaction that first takes an advisory lock, so silos running it together wait for each
/// other and find the work done. On SQLite: deletes rows older than the retention. Months are UTC months.
/// </summary>
public sealed partial class AuditPartitions(StorageConnections connections)
{
    /// <summary>An arbitrary constant naming the maintenance's advisory lock (the migrator and the feed sequencer use others).</summary>
    public const long AdvisoryLockKey = 0x0D055_A0D1;

    private static readonly string[] Tables = ["dvc_audit", "dvc_audit_dossier"];

    /// <summary>What one run did.</summary>
    public sealed record Outcome(IReadOnlyList<string> Created, IReadOnlyList<string> Dropped, long DeletedRows);

    /// <summary>The partition of a table for the month starting at <paramref name="month"/>.</summary>
    public static string PartitionName(string table, DateTime month) => string.Create(CultureInfo.InvariantCulture, $"{table}_p{month:yyyyMM}");

    [GeneratedRegex(@"_p(?<year>\d{4})(?<month>\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex MonthSuffix();

    public async Task<Outcome> RunAsync(DateTimeOffset now, TimeSpan retention, CancellationToken cancellationToken)
    {
        var cutoff = now.UtcDateTime - retention;
        if (connections.AuditPostgreSql is not { } dataSource)
        {
            return new Outcome([], [], await DeleteSqlite(cutoff, cancellationToken));
        }

        var created = new List<string>();
        var dropped = new List<string>();
        long deleted = 0;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // Wait for another silo's run rather than skip: this run then finds its partitions made. The lock timeout keeps
        // a run that cannot get a table's lock (a long query on it) from queuing the audit's inserts behind it for long.
        await Execute(connection, transaction,
            $"SELECT pg_advisory_xact_lock({AdvisoryLockKey}); SET LOCAL lock_timeout = '10s'; SET LOCAL statement_timeout = '5min'; " +
            "SET LOCAL dvc.audit_maintenance = 'on';",
            cancellationToken);

        var thisMonth = new DateTime(now.UtcDateTime.Year, now.UtcDateTime.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        foreach (var table in Tables)
        {
            foreach (var month in new[] { thisMonth, thisMonth.AddMonths(1) })
            {
                if (await CreatePartition(connection, transaction, table, month, cancellationToken) is { } name)
                {
                    created.Add(name);
                }
            }

            foreach (var (name, month) in await Partitions(connection, transaction, table, cancellationToken))
            {
                if (month.AddMonths(1) <= cutoff)
                {
                    await Execute(connection, transaction, $"DROP TABLE {name};", cancellationToken);
                    dropped.Add(name);
                }
            }

            await using var clear = new NpgsqlCommand($"DELETE FROM {table}_default WHERE at < @cutoff", connection, transaction);
            clear.Parameters.AddWithValue("cutoff", cutoff);
            deleted += await clear.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new Outcome(created, dropped, deleted);
    }

    /// <summary>
    /// Creates the month's partition unless it exists. Built apart and attached, so that rows the DEFAULT partition
    /// caught for that month move into it (a partition cannot be created while DEFAULT holds rows of its range).
    /// </summary>
    private static async Task<string?> CreatePartition(NpgsqlConnection connection, NpgsqlTransaction transaction, string table, DateTime month,
        CancellationToken cancellationToken)
    {
        var name = PartitionName(table, month);
        await using (var exists = new NpgsqlCommand("SELECT to_regclass(@name) IS NOT NULL", connection, transaction))
        {
            exists.Parameters.AddWithValue("name", name);
            if ((bool)(await exists.ExecuteScalarAsync(cancellationToken))!)
            {
                return null;
            }
        }

        // The bounds are dates this code computed, so they can be written into the DDL (which takes no parameters).
        var from = month.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + " 00:00:00+00";
        var to = month.AddMonths(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + " 00:00:00+00";
        var range = $"at >= '{from}' AND at < '{to}'";
        await Execute(connection, transaction,
            // Entries for the month written to DEFAULT while this runs would make the attach fail: hold them off first.
            $"LOCK TABLE {table}_default IN EXCLUSIVE MODE; " +
            $"CREATE TABLE {name} (LIKE {table} INCLUDING DEFAULTS); " +
            $"INSERT INTO {name} SELECT * FROM {table}_default WHERE {range}; " +
            $"DELETE FROM {table}_default WHERE {range}; " +
            $"ALTER TABLE {table} ATTACH PARTITION {name} FOR VALUES FROM ('{from}') TO ('{to}');",
            cancellationToken);
        return name;
    }

    /// <summary>The monthly partitions of a table and the month each holds.</summary>
    private static async Task<List<(string Name, DateTime Month)>> Partitions(NpgsqlConnection connection, NpgsqlTransaction transaction, string table,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = to_regclass(@table)", connection, transaction);
        command.Parameters.AddWithValue("table", table);
        var partitions = new List<(string, DateTime)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var name = reader.GetString(0);
            var match = MonthSuffix().Match(name);
            if (match.Success && name == table + match.Value
                && int.TryParse(match.Groups["year"].ValueSpan, CultureInfo.InvariantCulture, out var year)
                && int.TryParse(match.Groups["month"].ValueSpan, CultureInfo.InvariantCulture, out var month) && month is >= 1 and <= 12)
            {
                partitions.Add((name, new DateTime(year, month, 1, 0, 0, 0, DateTimeKind.Utc)));
            }
        }

        return partitions;
    }

    private async Task<long> DeleteSqlite(DateTime cutoff, CancellationToken cancellationToken)
    {
        var microseconds = AuditValues.ToUnixMicroseconds(new DateTimeOffset(cutoff, TimeSpan.Zero));
        await using var connection = await connections.OpenAuditAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        long deleted = 0;
        foreach (var table in Tables)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"DELETE FROM {table} WHERE at_us < @cutoff";
            var parameter = command.CreateParameter();
            parameter.ParameterName = "cutoff";
            parameter.Value = microseconds;
            command.Parameters.Add(parameter);
            deleted += await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return deleted;
    }

    private static async Task Execute(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
