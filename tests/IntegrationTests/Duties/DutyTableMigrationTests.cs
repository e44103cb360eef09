using System.Data.Common;
using DossierTracking.IntegrationTests.Infrastructure;
using DossierTracking.Silo.Configuration;
using DossierTracking.Silo.Storage;

namespace DossierTracking.IntegrationTests.Duties;

/// <summary>
/// A read model written before the due times had a table of their own (the time in a column of the read-model row)
/// keeps them: the migration copies each to dvc_dossier_duty. A dossier written by this version has its due time in the
/// new table; then the schema is put back in its old shape with a time the sweep would never compute, the migration
/// record removed, and the host started again with the sweep off. SQLite drops the old column; PostgreSQL keeps it for
/// one version, without its index, and mirrors into the new table what silos of the previous version still write
/// there during a rolling update.
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
        var code = await MigratesAsync(connections, "DELETE FROM dvc_schema_migrations WHERE version = '0016'; ALTER TABLE dvc_dossier_index ADD COLUMN duty_at_ms INTEGER;",
            data, settings);
        await Assert.ThrowsAnyAsync<DbException>(() => ScalarAsync(connections, $"SELECT COUNT(duty_at_ms) FROM dvc_dossier_index WHERE receipt_code = '{code}'"));
    }

    /// <summary>Writes a due time under this version, reshapes the schema as before the migration with <paramref name="asBefore"/>, starts again; the dossier's code.</summary>
    internal static async Task<string> MigratesAsync(StorageConnections connections, string asBefore, string? data, IReadOnlyDictionary<string, string?> settings)
    {
        string code;
        await using (var host = await TestHost.StartAsync(data, settings: settings))
        {
            code = await DutyScenario.ProcessingAsync(host.Dossiers);
            await DueTimeWrittenAsync(connections, code);
        }

        await ExecuteAsync(connections, asBefore + " DROP TABLE dvc_dossier_duty; " +
            "CREATE INDEX dvc_dossier_index_duty ON dvc_dossier_index (duty_at_ms, receipt_code) WHERE duty_at_ms IS NOT NULL; " +
            $"UPDATE dvc_dossier_index SET duty_at_ms = {OldDueTime} WHERE receipt_code = '{code}';");

        await using (var host = await TestHost.StartAsync(data, settings: settings))
        {
            Assert.Equal(OldDueTime, await ScalarAsync(connections, $"SELECT duty_at_ms FROM dvc_dossier_duty WHERE receipt_code = '{code}'"));
            Assert.Equal(1, await ScalarAsync(connections, "SELECT COUNT(*) FROM dvc_dossier_duty"));

            // A dossier written after the migration has its due time in the new table too.
            await DueTimeWrittenAsync(connections, await DutyScenario.ProcessingAsync(host.Dossiers));
        }

        return code;
    }

    /// <summary>The relay writes the read model within a second; a processing dossier owes a due-date warning.</summary>
    private static async Task DueTimeWrittenAsync(StorageConnections connections, string code)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (await ScalarAsync(connections, $"SELECT COUNT(*) FROM dvc_dossier_duty WHERE receipt_code = '{code}'") == 0)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), $"the due time of {code} never reached dvc_dossier_duty");
            await Task.Delay(100);
        }
    }

    internal static async Task ExecuteAsync(StorageConnections connections, string sql)
    {
        await using var connection = await connections.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    internal static async Task<long> ScalarAsync(StorageConnections connections, string sql)
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
        var code = await DutyTableMigrationTests.MigratesAsync(connections,
            "DELETE FROM dvc_schema_migrations WHERE version = '0019'; DROP TRIGGER dvc_dossier_duty_insert ON dvc_dossier_index; " +
            "DROP TRIGGER dvc_dossier_duty_update ON dvc_dossier_index; DROP FUNCTION dvc_dossier_duty_from_column();",
            null, settings);

        // A silo of the previous version, during a rolling update, still writes the old column: the trigger follows it.
        await DutyTableMigrationTests.ExecuteAsync(connections, $"UPDATE dvc_dossier_index SET duty_at_ms = 5151 WHERE receipt_code = '{code}'");
        Assert.Equal(5151, await DutyTableMigrationTests.ScalarAsync(connections, $"SELECT duty_at_ms FROM dvc_dossier_duty WHERE receipt_code = '{code}'"));
        await DutyTableMigrationTests.ExecuteAsync(connections, $"UPDATE dvc_dossier_index SET duty_at_ms = NULL WHERE receipt_code = '{code}'");
        Assert.Equal(0, await DutyTableMigrationTests.ScalarAsync(connections, $"SELECT COUNT(*) FROM dvc_dossier_duty WHERE receipt_code = '{code}'"));
        Assert.Equal(0, await DutyTableMigrationTests.ScalarAsync(connections, "SELECT COUNT(*) FROM pg_indexes WHERE indexname = 'dvc_dossier_index_duty'"));

        // This version never writes the old column: the dossier written after the migration has no time there.
        Assert.Equal(1, await DutyTableMigrationTests.ScalarAsync(connections, "SELECT COUNT(*) FROM dvc_dossier_duty"));
        Assert.Equal(0, await DutyTableMigrationTests.ScalarAsync(connections, "SELECT COUNT(*) FROM dvc_dossier_index WHERE duty_at_ms IS NOT NULL AND receipt_code <> '" + code + "'"));
    }
}
