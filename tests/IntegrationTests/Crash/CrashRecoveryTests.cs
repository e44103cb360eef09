using DossierTracking.GrpcApi.V1;
using DossierTracking.IntegrationTests.Infrastructure;
using static DossierTracking.IntegrationTests.Infrastructure.Requests;

namespace DossierTracking.IntegrationTests.Crash;

/// <summary>The silo as a separate process, killed with SIGKILL: what was acknowledged is there after a restart.</summary>
[Collection(PostgresCollection.Name)]
public sealed class CrashRecoveryTests(PostgresFixture postgres)
{
    /// <summary>Generous: only a hang fails here (a busy shared 2-core machine starts a silo in several seconds).</summary>
    private static readonly TimeSpan StartupLimit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task After_kill_9_and_a_restart_on_SQLite_the_dossier_history_and_request_id_are_intact()
    {
        var data = TestHost.NewDataDirectory();
        await KillAndRestartAsync(new Dictionary<string, string> { ["Storage__DataDirectory"] = data });
    }

    [Fact]
    public async Task After_kill_9_and_a_restart_on_PostgreSQL_the_dossier_history_and_request_id_are_intact()
    {
        var settings = await postgres.NewDatabaseSettingsAsync();
        await KillAndRestartAsync(new Dictionary<string, string>
        {
            ["Storage__Provider"] = "PostgreSql",
            ["Storage__ConnectionString"] = settings["Storage:ConnectionString"]!,
        });
    }

    private static async Task KillAndRestartAsync(Dictionary<string, string> environment)
    {
        var request = Submit();
        string code;
        Dossier acknowledged;
        SiloProcess.SiloPorts ports;
        await using (var first = await SiloProcess.StartAsync(environment, StartupLimit))
        {
            ports = first.Ports;
            Assert.True(first.StartupTime < StartupLimit, $"started in {first.StartupTime}");
            code = (await first.Dossiers.SubmitDossierAsync(request)).ReceiptCode;
            await first.Dossiers.AcceptDossierAsync(new AcceptDossierRequest { ReceiptCode = code, Actor = Desk() });
            acknowledged = await first.Dossiers.ForwardDossierAsync(new ForwardDossierRequest { ReceiptCode = code, Actor = Desk() });
            await first.KillAsync();
        }

        // Restarted as an operator would: same machine, same configured ports (Orleans then knows the old one is gone).
        await using var second = await SiloProcess.StartAsync(environment, StartupLimit, ports);
        Assert.True(second.StartupTime < StartupLimit, $"restarted in {second.StartupTime}");
        var after = await second.Dossiers.GetDossierAsync(new GetDossierRequest { ReceiptCode = code });
        Assert.Equal(acknowledged.Version, after.Version);
        Assert.Equal(acknowledged.History, after.History);
        Assert.Equal(acknowledged.DueAt, after.DueAt);
        Assert.Equal(code, (await second.Dossiers.SubmitDossierAsync(request)).ReceiptCode);
    }
}
