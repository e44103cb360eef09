using DossierTracking.Contracts.Duties;
using DossierTracking.GrpcApi.V1;
using DossierTracking.IntegrationTests.Infrastructure;
using DossierTracking.Silo.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static DossierTracking.IntegrationTests.Duties.DutyScenario;
using static DossierTracking.IntegrationTests.Infrastructure.Requests;
using ContractAction = DossierTracking.Contracts.Dossiers.DossierAction;
using ContractState = DossierTracking.Contracts.Dossiers.DossierState;
using IDossierGrain = DossierTracking.Contracts.Dossiers.IDossierGrain;
using Party = DossierTracking.Contracts.Dossiers.Party;

namespace DossierTracking.IntegrationTests.Duties;

/// <summary>
/// The scheduled duties through the real host on SQLite, with a fake domain clock and the sweep driven by the test:
/// each duty is done after a sweep, once, and neither more sweeps nor a restart on the same data does it again.
/// </summary>
public sealed class DutySweepTests
{
    private readonly FakeTimeProvider _clock = new(Received);

    [Fact]
    public async Task A_passed_supplement_deadline_closes_the_dossier_as_the_system_once()
    {
        await using var host = await TestHost.StartAsync(clock: _clock, settings: ManualSweep);
        var deadline = Local(2020, 10, 30, 17, 0);
        var code = await AwaitingSupplementAsync(host.Dossiers, deadline);

        _clock.SetUtcNow(deadline);
        Assert.Equal(0, (await SweepAsync(host.Services)).Done);
        Assert.Equal(ContractState.AwaitingSupplement, (await host.Grains.GetGrain<IDossierGrain>(code).GetAsync()).Dossier!.State);

        _clock.SetUtcNow(deadline.AddMinutes(1));
        Assert.Equal(1, (await SweepAsync(host.Services)).Done);
        var dossier = (await host.Grains.GetGrain<IDossierGrain>(code).GetAsync()).Dossier!;
        Assert.Equal(ContractState.RejectedAtIntake, dossier.State);
        var entry = dossier.History[^1];
        Assert.Equal((ContractAction.ExpireSupplement, Party.System, ContractState.AwaitingSupplement), (entry.Action, entry.Actor.Party, entry.FromState));

        _clock.SetUtcNow(deadline.AddDays(3));
        var again = await SweepAsync(host.Services);
        Assert.Equal((0, 0), (again.Asked, again.Done));
        Assert.Equal(1, await CountAsync(host.Grains, code, ContractAction.ExpireSupplement));
    }

    [Fact]
    public async Task The_silo_sweeps_by_itself_with_no_outside_caller()
    {
        await using var host = await TestHost.StartAsync(clock: _clock, settings: new Dictionary<string, string?>
        {
            ["Duties:Enabled"] = "true",
            ["Duties:SweepInterval"] = "00:00:00.200",
        });
        var deadline = Local(2020, 10, 30, 17, 0);
        var code = await AwaitingSupplementAsync(host.Dossiers, deadline);

        _clock.SetUtcNow(deadline.AddMinutes(1));
        var deadlineOut = DateTime.UtcNow.AddSeconds(30);
        while (await CountAsync(host.Grains, code, ContractAction.ExpireSupplement) == 0 && DateTime.UtcNow < deadlineOut)
        {
            await Task.Delay(100);
        }

        Assert.Equal(ContractState.RejectedAtIntake, (await host.Grains.GetGrain<IDossierGrain>(code).GetAsync()).Dossier!.State);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await CountAsync(host.Grains, code, ContractAction.ExpireSupplement));
    }

    [Fact]
    public async Task Due_soon_and_overdue_are_raised_once_each_also_after_more_sweeps_and_a_restart()
    {
        var data = TestHost.NewDataDirectory();
        string code;
        await using (var host = await TestHost.StartAsync(dataDirectory: data, clock: _clock, settings: ManualSweep))
        {
            code = await ProcessingAsync(host.Dossiers);
            _clock.SetUtcNow(DueSoonFrom.AddMinutes(-1));
            Assert.Equal(0, (await SweepAsync(host.Services)).Done);

            _clock.SetUtcNow(DueSoonFrom.AddMinutes(5));
            Assert.Equal(1, (await SweepAsync(host.Services)).Done);
            await SweepAsync(host.Services);
            var soon = (await HistoryAsync(host.Grains, code))[^1];
            Assert.Equal((ContractAction.DueSoon, ContractState.InProcessing, Construction, Due), (soon.Action, soon.ToState, soon.AgencyCode, soon.StepDueAt));

            _clock.SetUtcNow(Due.AddMinutes(1));
            Assert.Equal(1, (await SweepAsync(host.Services)).Done);
            Assert.Equal(0, (await SweepAsync(host.Services)).Done);
            Assert.Equal(1, await CountAsync(host.Grains, code, ContractAction.DueSoon));
            Assert.Equal(1, await CountAsync(host.Grains, code, ContractAction.Overdue));

            // The warnings are in the change feed (and so reach webhooks), with the due date they are about.
            var feed = await new ChangeFeedService.ChangeFeedServiceClient(host.Invoker).ReadChangesAsync(new ReadChangesRequest { PageSize = 1000 });
            var warnings = feed.Changes.Where(c => c.ReceiptCode == code && c.Entry.Action is DossierAction.DueSoon or DossierAction.Overdue).ToList();
            Assert.Equal([DossierAction.DueSoon, DossierAction.Overdue], warnings.Select(c => c.Entry.Action));
            Assert.All(warnings, c => Assert.Equal(Due, c.Entry.StepDueAt.ToDateTimeOffset()));
        }

        _clock.SetUtcNow(Due.AddDays(2));
        await using (var host = await TestHost.StartAsync(dataDirectory: data, clock: _clock, settings: ManualSweep))
        {
            Assert.Equal(0, (await SweepAsync(host.Services)).Done);
            Assert.Empty((await host.Grains.GetGrain<IDossierGrain>(code).RunDutiesAsync()).Done);
            Assert.Equal(1, await CountAsync(host.Grains, code, ContractAction.DueSoon));
            Assert.Equal(1, await CountAsync(host.Grains, code, ContractAction.Overdue));
        }
    }

    [Fact]
    public async Task An_uncollected_result_and_a_silent_shipment_are_flagged_for_the_desk_once()
    {
        await using var host = await TestHost.StartAsync(clock: _clock, settings: ManualSweep);
        var atDesk = await ResultReadyAsync(host.Dossiers, byPost: false);
        var withPost = await ResultReadyAsync(host.Dossiers, byPost: true);

        // A minute short of five working days (and of seven days without a word from the post): nothing yet.
        _clock.SetUtcNow(Local(2020, 10, 26, 8, 59));
        Assert.Equal(0, (await SweepAsync(host.Services)).Done);

        // Then the result at the desk is a reminder (the one with the post is not), and the shipment is flagged.
        _clock.SetUtcNow(Local(2020, 10, 26, 9, 1));
        Assert.Equal(2, (await SweepAsync(host.Services)).Done);
        var reminder = (await HistoryAsync(host.Grains, atDesk))[^1];
        Assert.Equal((ContractAction.ResultUncollected, Centre, Party.System), (reminder.Action, reminder.AgencyCode, reminder.Actor.Party));
        Assert.Equal(0, (await SweepAsync(host.Services)).Done);
        _clock.SetUtcNow(Local(2020, 12, 1, 9, 0));
        Assert.Equal(0, (await SweepAsync(host.Services)).Done);

        Assert.Equal(1, await CountAsync(host.Grains, atDesk, ContractAction.ResultUncollected));
        Assert.Equal(0, await CountAsync(host.Grains, atDesk, ContractAction.ShipmentSilent));
        Assert.Equal(1, await CountAsync(host.Grains, withPost, ContractAction.ShipmentSilent));
        Assert.Equal(0, await CountAsync(host.Grains, withPost, ContractAction.ResultUncollected));
        Assert.StartsWith(withPost + "-P1:", (await HistoryAsync(host.Grains, withPost))[^1].Note);
    }

    [Fact]
    public async Task Rows_written_before_the_due_index_are_asked_once_and_a_row_with_a_wrong_time_is_corrected()
    {
        await using var host = await TestHost.StartAsync(clock: _clock, settings: ManualSweep);
        await OldAndWrongRowsAsync(host, _clock);
    }

    /// <summary>The due index's repair paths (also run on PostgreSQL by <see cref="DutyPostgresTests"/>).</summary>
    internal static async Task OldAndWrongRowsAsync(TestHost host, FakeTimeProvider clock)
    {
        var deadline = Local(2020, 10, 30, 17, 0);
        var waiting = await AwaitingSupplementAsync(host.Dossiers, deadline);
        var processing = await ProcessingAsync(host.Dossiers);
        var submitted = (await host.Dossiers.SubmitDossierAsync(Submit())).ReceiptCode;
        await SweepAsync(host.Services);

        // As the migration leaves rows of dossiers written before this version: no time, not known (one owes a duty, one nothing).
        await ExecuteAsync(host, $"UPDATE dvc_dossier_index SET duty_known = 0 WHERE receipt_code IN ('{waiting}', '{submitted}')");
        await ExecuteAsync(host, $"DELETE FROM dvc_dossier_duty WHERE receipt_code IN ('{waiting}', '{submitted}')");
        // As a row written under another setting: a time that has come, though nothing is due.
        await ExecuteAsync(host, $"UPDATE dvc_dossier_duty SET duty_at_ms = 0 WHERE receipt_code = '{processing}'");

        clock.SetUtcNow(deadline.AddHours(1));
        var round = await SweepAsync(host.Services);
        Assert.Equal((3, 1, 2), (round.Asked, round.Done, round.Corrected));
        Assert.Equal(ContractState.RejectedAtIntake, (await host.Grains.GetGrain<IDossierGrain>(waiting).GetAsync()).Dossier!.State);
        Assert.Equal(DueSoonFrom.ToUnixTimeMilliseconds(), await ScalarAsync(host, $"SELECT duty_at_ms FROM dvc_dossier_duty WHERE receipt_code = '{processing}'"));
        Assert.Equal(0L, await ScalarAsync(host, $"SELECT COUNT(*) FROM dvc_dossier_index WHERE receipt_code = '{submitted}' AND duty_known = 0"));
        Assert.Equal(0L, await ScalarAsync(host, $"SELECT COUNT(*) FROM dvc_dossier_duty WHERE receipt_code = '{submitted}'"));

        var next = await SweepAsync(host.Services);
        Assert.Equal((0, 0), (next.Asked, next.Done));
    }

    private static async Task ExecuteAsync(TestHost host, string sql)
    {
        await using var connection = await host.Services.GetRequiredService<StorageConnections>().OpenReadModelAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> ScalarAsync(TestHost host, string sql)
    {
        await using var connection = await host.Services.GetRequiredService<StorageConnections>().OpenReadModelAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}
