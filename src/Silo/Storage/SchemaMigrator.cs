using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using DossierTracking.Silo.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DossierTracking.Silo.Storage;

/// <summary>
/// Applies the project's own SQL migrations (embedded <c>Storage/Migrations/{Backend}/NNNN_name.sql</c>) in order,
/// each once, recording them in <c>dvc_schema_migrations</c> with a checksum. Runs at start-up before the silo, under
/// a lock, so several silos starting together apply each script exactly once. Nobody runs SQL by hand.
/// </summary>
public sealed partial class SchemaMigrator(StorageConnections connections, IOptions<StorageOptions> options, ILogger<SchemaMigrator> logger)
{
    private const string MigrationsTable = "dvc_schema_migrations";

    /// <summary>An arbitrary constant naming this project's advisory lock in PostgreSQL.</summary>
    private const long AdvisoryLockKey = 0x0D055_1E12;

    public sealed record Migration(string Version, string Name, string Sql, string Checksum);

    public static IReadOnlyList<Migration> Embedded(StorageBackend backend)
    {
        var prefix = $"migrations/{backend}/";
        var assembly = typeof(SchemaMigrator).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var reader = new StreamReader(stream, Encoding.UTF8);
                var sql = reader.ReadToEnd();
                var file = Path.GetFileNameWithoutExtension(n[prefix.Length..]);
                var version = file.Split('_', 2)[0];
                return new Migration(version, file, sql, Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sql.ReplaceLineEndings("\n")))));
            })
            .ToList();
    }

    /// <summary>Applies what is missing; returns the versions applied by this call.</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken)
    {
        var migrations = Embedded(connections.Backend);
        await using var connection = await OpenWithRetryAsync(cancellationToken);
        if (connections.Backend == StorageBackend.Sqlite)
        {
            // WAL lets readers run beside the writer and keeps commits cheap; it is a property of the file.
            await ExecuteAsync(connection, null, "PRAGMA journal_mode=WAL;", cancellationToken);
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (connections.Backend == StorageBackend.PostgreSql)
        {
            await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({AdvisoryLockKey});", cancellationToken);
        }

        await ExecuteAsync(connection, transaction,
            $"CREATE TABLE IF NOT EXISTS {MigrationsTable} (version varchar(16) NOT NULL PRIMARY KEY, name varchar(200) NOT NULL, checksum varchar(64) NOT NULL, applied_at varchar(40) NOT NULL);",
            cancellationToken);

        var applied = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = $"SELECT version, checksum FROM {MigrationsTable};";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                applied[reader.GetString(0)] = reader.GetString(1);
            }
        }

        var done = new List<string>();
        foreach (var migration in migrations)
        {
            if (applied.TryGetValue(migration.Version, out var checksum))
            {
                if (!string.Equals(checksum, migration.Checksum, StringComparison.OrdinalIgnoreCase))
                {
                    throw new StorageStartupException(
                        $"Migration {migration.Name} was changed after it was applied to {connections.Description}. " +
                        "Applied migrations are immutable: add a new migration instead.");
                }

                continue;
            }

            await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken);
            await using var record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = $"INSERT INTO {MigrationsTable} (version, name, checksum, applied_at) VALUES (@v, @n, @c, @a);";
            AddParameter(record, "v", migration.Version);
            AddParameter(record, "n", migration.Name);
            AddParameter(record, "c", migration.Checksum);
            AddParameter(record, "a", DateTimeOffset.UtcNow.ToString("O"));
            await record.ExecuteNonQueryAsync(cancellationToken);
            done.Add(migration.Version);
            LogApplied(migration.Name, connections.Description);
        }

        await transaction.CommitAsync(cancellationToken);
        return done;
    }

    private async Task<DbConnection> OpenWithRetryAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + options.Value.StartupTimeout;
        while (true)
        {
            try
            {
                return await connections.OpenAsync(cancellationToken);
            }
            catch (Exception e) when (e is DbException or TimeoutException or InvalidOperationException or System.Net.Sockets.SocketException)
            {
                if (DateTime.UtcNow >= deadline || e is PostgresException { SqlState: "28P01" or "28000" or "3D000" })
                {
                    var setting = connections.Backend == StorageBackend.PostgreSql ? "Storage:ConnectionString" : "Storage:DataDirectory";
                    throw new StorageStartupException(
                        $"Cannot open {connections.Description}: {e.Message} Check the setting {setting} (environment variable {setting.Replace(":", "__")}).", e);
                }

                LogRetrying(connections.Description, e.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied migration {Migration} to {Database}")]
    private partial void LogApplied(string migration, string database);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot open {Database} yet ({Reason}); retrying")]
    private partial void LogRetrying(string database, string reason);
}
