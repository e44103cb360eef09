using DossierTracking.IntegrationTests.Infrastructure;
using DossierTracking.Silo.Configuration;
using DossierTracking.Silo.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using static DossierTracking.IntegrationTests.Audit.AuditScenarios;
using static DossierTracking.IntegrationTests.Infrastructure.Requests;

namespace DossierTracking.IntegrationTests.Audit;

/// <summary>
/// The audit trail on PostgreSQL: the same scenarios as on SQLite, plus its monthly partitions (made ahead at start-up,
/// safely by several silos at once), the DEFAULT partition's rows moving into a new month's partition, retention
/// dropping whole old partitions, and rows that cannot be changed or deleted.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class AuditPostgresTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Every_call_on_a_dossier_is_audited_once_with_its_caller_and_outcome_and_survives_a_restart() =>
        await EveryCallOnADossierIsAuditedOnceAndSurvivesARestartAsync(await postgres.NewDatabaseSettingsAsync());

    [Fact]
    public async Task Supervisors_the_submitting_portal_and_the_applicant_read_a_dossiers_audit_and_no_one_else() => await SupervisorsTheSubmittingPortalAndTheApplicantReadTheAuditAsync(await postgres.NewDatabaseSettingsAsync());

    [Fact]
    public async Task Monthly_partitions_are_made_ahead_old_ones_are_dropped_past_retention_and_rows_cannot_be_changed()
    {
        var settings = await postgres.NewDatabaseSettingsAsync();
        await using var host = await TestHost.StartAsync(settings: settings);
        await using var database = NpgsqlDataSource.Create(settings["Storage:ConnectionString"]!);

        // Start-up made this month's and next month's partitions of both tables.
        var now = DateTime.UtcNow;
        var thisMonth = new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        foreach (var table in new[] { "dvc_audit", "dvc_audit_dossier" })
        {
            var partitions = await PartitionsAsync(database, table);
            Assert.Contains(AuditPartitions.PartitionName(table, thisMonth), partitions);
            Assert.Contains(AuditPartitions.PartitionName(table, thisMonth.AddMonths(1)), partitions);
            Assert.Contains(table + "_default", partitions);
        }

        // A row from January 2020, when there was no partition for it: the DEFAULT partition takes it.
        var old = Guid.CreateVersion7();
        await ExecuteAsync(database,
            "INSERT INTO dvc_audit (id, at, role, subject, unit, method, target, outcome, reason, basis) " +
            $"VALUES ('{old}', '2020-01-15 10:00:00+00', 'desk_officer', 'mc-01', 'H49.50', '/dvc.v1.DossierService/AcceptDossier', 'H49.50-200115-0001', 'OK', '', ''); " +
            $"INSERT INTO dvc_audit_dossier (receipt_code, at, audit_id) VALUES ('H49.50-200115-0001', '2020-01-15 10:00:00+00', '{old}')");
        Assert.Equal(1L, await ScalarAsync(database, $"SELECT count(*) FROM dvc_audit_default WHERE id = '{old}'"));

        // Maintenance run then, by two silos at once: January's partitions are made once, the row moves into them.
        var maintenance = host.Services.GetRequiredService<AuditPartitions>();
        var retention = host.Services.GetRequiredService<IOptions<AuditOptions>>().Value.Retention;
        var january = new DateTimeOffset(2020, 1, 20, 0, 0, 0, TimeSpan.Zero);
        var runs = await Task.WhenAll(maintenance.RunAsync(january, retention, CancellationToken.None), maintenance.RunAsync(january, retention, CancellationToken.None));
        Assert.Equal(
            ["dvc_audit_dossier_p202001", "dvc_audit_dossier_p202002", "dvc_audit_p202001", "dvc_audit_p202002"],
            runs.SelectMany(r => r.Created).Order(StringComparer.Ordinal));
        Assert.Equal(1L, await ScalarAsync(database, $"SELECT count(*) FROM dvc_audit_p202001 WHERE id = '{old}'"));
        Assert.Equal(1L, await ScalarAsync(database, $"SELECT count(*) FROM dvc_audit_dossier_p202001 WHERE audit_id = '{old}'"));
        Assert.Equal(0L, await ScalarAsync(database, "SELECT count(*) FROM dvc_audit_default") + await ScalarAsync(database, "SELECT count(*) FROM dvc_audit_dossier_default"));

        // Append-only: neither a change nor a deletion of a row is accepted.
        var update = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(database, $"UPDATE dvc_audit SET role = 'admin' WHERE id = '{old}'"));
        Assert.Contains("append-only", update.MessageText, StringComparison.Ordinal);
        var delete = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(database, $"DELETE FROM dvc_audit_dossier WHERE audit_id = '{old}'"));
        Assert.Contains("append-only", delete.MessageText, StringComparison.Ordinal);
        var delete2 = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(database, $"DELETE FROM dvc_audit WHERE id = '{old}'"));
        Assert.Contains("append-only", delete2.MessageText, StringComparison.Ordinal);

        // Only the maintenance may clear the DEFAULT partition: a row there (a silo's clock far ahead) cannot be deleted otherwise.
        var ahead = Guid.CreateVersion7();
        await ExecuteAsync(database,
            "INSERT INTO dvc_audit (id, at, role, subject, unit, method, target, outcome, reason, basis) " +
            $"VALUES ('{ahead}', '2099-01-01 00:00:00+00', 'portal', 'dvc-portal', '', '/dvc.v1.DossierService/SubmitDossier', '', 'OK', '', '')");
        var clear = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(database, $"DELETE FROM dvc_audit_default WHERE id = '{ahead}'"));
        Assert.Contains("append-only", clear.MessageText, StringComparison.Ordinal);

        // Today, January 2020 is past the retention: its partitions are dropped, this month's stay.
        var today = await maintenance.RunAsync(DateTimeOffset.UtcNow, retention, CancellationToken.None);
        Assert.Equal(
            ["dvc_audit_dossier_p202001", "dvc_audit_dossier_p202002", "dvc_audit_p202001", "dvc_audit_p202002"],
            today.Dropped.Order(StringComparer.Ordinal));
        Assert.Empty(today.Created);
        Assert.Equal(0L, await ScalarAsync(database, $"SELECT count(*) FROM dvc_audit WHERE id = '{old}'"));
        Assert.Contains(AuditPartitions.PartitionName("dvc_audit", thisMonth), await PartitionsAsync(database, "dvc_audit"));

        // The service's own entries go on being written and read.
        var code = (await host.Dossiers.SubmitDossierAsync(Submit())).ReceiptCode;
        var entries = await ReadAuditAsync(host.Channel, code, pageSize: 10, until: all => all.Any(e => e.Method.EndsWith("/SubmitDossier", StringComparison.Ordinal)));
        Assert.Contains(entries, e => e.Method.EndsWith("/SubmitDossier", StringComparison.Ordinal));
        Assert.True(await ScalarAsync(database, $"SELECT count(*) FROM dvc_audit_dossier WHERE receipt_code = '{code}'") >= 1);
        Assert.Equal(0L, await ScalarAsync(database, $"SELECT count(*) FROM dvc_audit_dossier_default WHERE receipt_code = '{code}'"));
    }

    private static async Task<List<string>> PartitionsAsync(NpgsqlDataSource database, string table)
    {
        await using var command = database.CreateCommand("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = to_regclass(@table)");
        command.Parameters.AddWithValue("table", table);
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private static async Task ExecuteAsync(NpgsqlDataSource database, string sql)
    {
        await using var command = database.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> ScalarAsync(NpgsqlDataSource database, string sql)
    {
        await using var command = database.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
