using DossierTracking.Contracts.Dossiers;
using DossierTracking.GrpcApi.V1;
using DossierTracking.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using static DossierTracking.IntegrationTests.Infrastructure.Requests;
using DossierState = DossierTracking.GrpcApi.V1.DossierState;
using ResultKind = DossierTracking.GrpcApi.V1.ResultKind;

namespace DossierTracking.IntegrationTests.Persistence;

/// <summary>State, history and idempotency survive stopping and starting the silo on the same data.</summary>
public sealed class RestartTests
{
    [Fact]
    public async Task Dossier_history_and_idempotency_survive_a_restart_on_SQLite()
    {
        await StorageScenarios.SurviveRestartAsync(settings: null);
    }
}

/// <summary>Scenarios run against each storage backend.</summary>
public static class StorageScenarios
{
    public static async Task SurviveRestartAsync(IReadOnlyDictionary<string, string?>? settings)
    {
        var clock = new FakeTimeProvider(Local(2020, 10, 21, 9, 0));
        var data = TestHost.NewDataDirectory();
        var request = Submit();
        string code;
        Dossier before;
        await using (var first = await TestHost.StartAsync(data, clock, settings))
        {
            code = (await first.Dossiers.SubmitDossierAsync(request)).ReceiptCode;
            await first.Dossiers.AcceptDossierAsync(new AcceptDossierRequest { ReceiptCode = code, Actor = Desk() });
            before = await first.Dossiers.ForwardDossierAsync(new ForwardDossierRequest { ReceiptCode = code, Actor = Desk(), Note = "Chuyển Sở Xây dựng" });
        }

        await using var second = await TestHost.StartAsync(data, clock, settings);
        var after = await second.Dossiers.GetDossierAsync(new GetDossierRequest { ReceiptCode = code });
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(DossierState.InProcessing, after.State);
        Assert.Equal(before.DueAt, after.DueAt);
        Assert.Equal(before.History, after.History);
        Assert.Equal("Chuyển Sở Xây dựng", after.History[^1].Note);

        var retried = await second.Dossiers.SubmitDossierAsync(request);
        Assert.Equal(code, retried.ReceiptCode);
        Assert.Equal(3, retried.Version);

        // The sequence continues after the block reserved before the restart: no code is issued twice.
        var next = await second.Dossiers.SubmitDossierAsync(Submit());
        Assert.True(ReceiptCode.TryParse(code, out _, out _, out var firstSequence));
        Assert.True(ReceiptCode.TryParse(next.ReceiptCode, out _, out _, out var nextSequence));
        Assert.True(nextSequence > firstSequence, $"{next.ReceiptCode} after {code}");

        // Changes keep working on the reloaded state.
        var ready = await second.Dossiers.RecordResultAsync(new RecordResultRequest { ReceiptCode = code, Actor = Officer(), Result = ResultKind.Approved });
        Assert.Equal(DossierState.ResultReady, ready.State);
        Assert.Equal(4, ready.Version);
    }
}
