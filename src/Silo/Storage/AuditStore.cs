using System.Data.Common;
using DossierTracking.Contracts.Audit;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace DossierTracking.Silo.Storage;

/// <summary>
/// The stored audit trail (tables dvc_audit and dvc_audit_dossier, migrations 0007 PostgreSQL / 0006 SQLite). Inserts
/// come in batches from <see cref="Audit.AuditWriter"/>: on PostgreSQL one round trip of two statements over arrays,
/// on the audit's own connections; on SQLite one transaction. Inserting is idempotent by entry id. Queries run on the
/// read model's connections, like lists.
/// </summary>
public sealed class AuditStore(StorageConnections connections) : IAuditReader
{
    private const string Columns = "id, at, role, subject, unit, method, target, outcome, reason, basis";

    private const string SqliteColumns = "id, at_us, role, subject, unit, method, target, outcome, reason, basis";

    public async Task InsertAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
        {
            return;
        }

        if (connections.AuditPostgreSql is { } dataSource)
        {
            await InsertPostgreSql(dataSource, entries, cancellationToken);
        }
        else
        {
            await InsertSqlite(entries, cancellationToken);
        }
    }

    private static async Task InsertPostgreSql(NpgsqlDataSource dataSource, IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        var links = entries.SelectMany(e => e.Dossiers.Select(code => (Code: code, e.At, e.Id))).ToList();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);

        // One round trip; the statements of a batch run in one implicit transaction, so an entry and its links land together.
        await using var batch = new NpgsqlBatch(connection);
        var rows = new NpgsqlBatchCommand(
            $"INSERT INTO dvc_audit ({Columns}) SELECT * FROM unnest(@id, @at, @role, @subject, @unit, @method, @target, @outcome, @reason, @basis) " +
            "ON CONFLICT DO NOTHING");
        rows.Parameters.Add(new NpgsqlParameter<Guid[]>("id", [.. entries.Select(e => e.Id)]));
        rows.Parameters.Add(new NpgsqlParameter<DateTime[]>("at", [.. entries.Select(e => e.At.UtcDateTime)]));
        rows.Parameters.Add(new NpgsqlParameter<string[]>("role", [.. entries.Select(e => e.Role)]));
        rows.Parameters.Add(new NpgsqlParameter<string[]>("subject", [.. entries.Select(e => e.Subject)]));
        rows.Parameters.Add(new NpgsqlParameter<string[]>("unit", [.. entries.Select(e => e.Unit)]));
        rows.Parameters.Add(new NpgsqlParameter<string[]>("method", [.. entries.Select(e => e.Method)]));
        rows.Parameters.Add(new NpgsqlParameter<string[]>("target", [.. entries.Select(e => e.Target)]));
        rows.Parameters.Add(new NpgsqlParameter<string[]>("outcome", [.. entries.Select(e => e.Outcome)]));
        rows.Parameters.Add(new NpgsqlParameter<string[]>("reason", [.. entries.Select(e => e.Reason)]));
        rows.Parameters.Add(new NpgsqlParameter<string[]>("basis", [.. entries.Select(e => e.Basis)]));
        batch.BatchCommands.Add(rows);
        if (links.Count > 0)
        {
            var linked = new NpgsqlBatchCommand(
                "INSERT INTO dvc_audit_dossier (receipt_code, at, audit_id) SELECT * FROM unnest(@code, @at, @id) ON CONFLICT DO NOTHING");
            linked.Parameters.Add(new NpgsqlParameter<string[]>("code", [.. links.Select(l => l.Code)]));
            linked.Parameters.Add(new NpgsqlParameter<DateTime[]>("at", [.. links.Select(l => l.At.UtcDateTime)]));
            linked.Parameters.Add(new NpgsqlParameter<Guid[]>("id", [.. links.Select(l => l.Id)]));
            batch.BatchCommands.Add(linked);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task InsertSqlite(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAuditAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var row = connection.CreateCommand();
        row.Transaction = transaction;
        row.CommandText = $"INSERT OR IGNORE INTO dvc_audit ({SqliteColumns}) VALUES (@id, @at, @role, @subject, @unit, @method, @target, @outcome, @reason, @basis)";
        var parameters = new[] { "id", "at", "role", "subject", "unit", "method", "target", "outcome", "reason", "basis" }
            .Select(name => Add(row, name, DBNull.Value)).ToArray();
        await using var link = connection.CreateCommand();
        link.Transaction = transaction;
        link.CommandText = "INSERT OR IGNORE INTO dvc_audit_dossier (receipt_code, at_us, audit_id) VALUES (@code, @at, @id)";
        var (code, at, id) = (Add(link, "code", DBNull.Value), Add(link, "at", DBNull.Value), Add(link, "id", DBNull.Value));
        foreach (var entry in entries)
        {
            var time = AuditValues.ToUnixMicroseconds(entry.At);
            object[] values = [entry.Id.ToString("D"), time, entry.Role, entry.Subject, entry.Unit, entry.Method, entry.Target, entry.Outcome, entry.Reason, entry.Basis];
            for (var i = 0; i < values.Length; i++)
            {
                parameters[i].Value = values[i];
            }

            await row.ExecuteNonQueryAsync(cancellationToken);
            foreach (var dossier in entry.Dossiers)
            {
                (code.Value, at.Value, id.Value) = (dossier, time, entry.Id.ToString("D"));
                await link.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AuditEntry>> ListForDossierAsync(string receiptCode, AuditPosition? before, int limit, CancellationToken cancellationToken = default)
    {
        var postgres = connections.Backend == Configuration.StorageBackend.PostgreSql;
        var at = postgres ? "at" : "at_us";
        await using var connection = await connections.OpenReadModelAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText =
            $"SELECT a.id, a.{at}, a.role, a.subject, a.unit, a.method, a.target, a.outcome, a.reason, a.basis " +
            $"FROM dvc_audit_dossier d JOIN dvc_audit a ON a.{at} = d.{at} AND a.id = d.audit_id WHERE d.receipt_code = @code " +
            (before is null ? "" : $"AND (d.{at}, d.audit_id) < (@before_at, @before_id) ") +
            $"ORDER BY d.{at} DESC, d.audit_id DESC LIMIT @limit";
        Add(command, "code", receiptCode);
        Add(command, "limit", limit);
        if (before is { } position)
        {
            Add(command, "before_at", postgres ? position.At.UtcDateTime : AuditValues.ToUnixMicroseconds(position.At));
            Add(command, "before_id", postgres ? position.Id : position.Id.ToString("D"));
        }

        var entries = new List<AuditEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new AuditEntry
            {
                Id = postgres ? reader.GetGuid(0) : Guid.ParseExact(reader.GetString(0), "D"),
                At = postgres ? new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(1), DateTimeKind.Utc)) : AuditValues.FromUnixMicroseconds(reader.GetInt64(1)),
                Role = reader.GetString(2),
                Subject = reader.GetString(3),
                Unit = reader.GetString(4),
                Method = reader.GetString(5),
                Target = reader.GetString(6),
                Outcome = reader.GetString(7),
                Reason = reader.GetString(8),
                Basis = reader.GetString(9),
            });
        }

        return entries;
    }

    /// <summary>
    /// Whether a failed insert will fail again however often it is retried (bad data or schema), as opposed to the
    /// database being away or busy.
    /// </summary>
    public static bool IsPermanent(Exception exception) => exception switch
    {
        PostgresException e => e.SqlState.StartsWith("22", StringComparison.Ordinal) || e.SqlState.StartsWith("23", StringComparison.Ordinal)
            || e.SqlState.StartsWith("42", StringComparison.Ordinal),
        SqliteException e => e.SqliteErrorCode is 1 or 19 or 20,
        _ => false,
    };

    private static DbParameter Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
