using System.Data.Common;
using DossierTracking.IntegrationTests.Infrastructure;
using DossierTracking.Silo.Configuration;
using DossierTracking.Silo.Storage;

namespace DossierTracking.IntegrationTests.Duties;

/// <summary>
/// A read model written before the due times had a table of their own (the time in a column of the read-model row)
/// keeps them: the migration moves each to dvc_dossier_duty and drops the column. The schema is put back in its old
/// shape with a time the sweep would never compute, the migration record removed, and the host started again with the
/// sweep off; a dossier that changes afterwards has its due time written to the new table.
/// </summary>
public sealed class DutyTableMigrationTests
{
    private const long OldDueTime = 4_242;

    [Fact]
    public async Task Sqlite_due_times_move_to_their_own_table()
    {
        var data = TestHost.NewDataDirectory();
        var settings = new Dictionary<string, string?> { ["Duties:Enabled"] = "false" };
        var connections = StorageConnections.Create(new StorageOptions { Provider = StorageBackend.Sqlite, DataDirectory = data });
        await MigratesAsync(connections, "'0016'", "INTEGER", data, settings);
    }

    internal static async Task MigratesAsync(StorageConnections connections, string migration, string columnType, string? data, IReadOnlyDictionary<string, string?> settings)
    {
        string code;
        await using (var host = await TestHost.StartAsync(data, settings: settings))
        {
            code = await DutyScenario.ProcessingAsync(host.Dossiers);
            // The relay writes the read model within a second; a processing dossier owes a due-date warning.
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (await ScalarAsync(connections, $"SELECT COUNT(*) FROM dvc_dossier_duty WHERE receipt_code = '{code}'") == 0)
            {
                Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), "the processing dossier's due time never reached dvc_dossier_duty");
                await Task.Delay(100);
            }
        }

        await ExecuteAsync(connections,
            $"DELETE FROM dvc_schema_migrations WHERE version = {migration}; DROP TABLE dvc_dossier_duty; " +
            $"ALTER TABLE dvc_dossier_index ADD COLUMN duty_at_ms {columnType}; " +
            "CREATE INDEX dvc_dossier_index_duty ON dvc_dossier_index (duty_at_ms, receipt_code) WHERE duty_at_ms IS NOT NULL; " +
            $"UPDATE dvc_dossier_index SET duty_at_ms = {OldDueTime} WHERE receipt_code = '{code}';");

        await using (var host = await TestHost.StartAsync(data, settings: settings))
        {
            Assert.Equal(OldDueTime, await ScalarAsync(connections, $"SELECT duty_at_ms FROM dvc_dossier_duty WHERE receipt_code = '{code}'"));
            Assert.Equal(1, await ScalarAsync(connections, "SELECT COUNT(*) FROM dvc_dossier_duty"));
            await Assert.ThrowsAnyAsync<DbException>(() => ScalarAsync(connections, "SELECT COUNT(duty_at_ms) FROM dvc_dossier_index"));
        }
    }

    private static async Task ExecuteAsync(StorageConnections connections, string sql)
    {
        await using var connection = await connections.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> ScalarAsync(StorageConnections connections, string sql)
    {
        await using var connection = await connections.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}

/// <summary>The same on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresDutyTableMigrationTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Postgres_due_times_move_to_their_own_table()
    {
        var settings = new Dictionary<string, string?>(await postgres.NewDatabaseSettingsAsync()) { ["Duties:Enabled"] = "false" };
        await using var connections = StorageConnections.Create(new StorageOptions { Provider = StorageBackend.PostgreSql, ConnectionString = settings["Storage:ConnectionString"] });
        await DutyTableMigrationTests.MigratesAsync(connections, "'0019'", "bigint", null, settings);
    }
}
