using DossierTracking.GrpcApi.V1;
using DossierTracking.IntegrationTests.Infrastructure;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static DossierTracking.IntegrationTests.Agencies.AgencyTestSupport;
using static DossierTracking.IntegrationTests.Infrastructure.Requests;

namespace DossierTracking.IntegrationTests.Agencies;

/// <summary>Agencies' live figures, queues, lists and search through the gRPC API, on the embedded storage, with a fake clock.</summary>
public sealed class AgencyApiTests
{
    private readonly FakeTimeProvider _clock = new(Local(2020, 10, 19, 8, 0));

    [Fact]
    public async Task Figures_and_queues_follow_the_lifecycle_and_equal_a_hand_count()
    {
        await using var host = await TestHost.StartAsync(clock: _clock);
        var api = host.Dossiers;
        var agencies = new AgencyService.AgencyServiceClient(host.Invoker);

        var online = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            online.Add((await api.SubmitDossierAsync(Submit())).ReceiptCode);
        }

        await api.ReceiveDossierAsync(Counter());
        await api.ReceiveDossierAsync(Counter());

        _clock.SetUtcNow(Local(2020, 10, 19, 9, 0));
        foreach (var code in online.Take(3))
        {
            await api.AcceptDossierAsync(new AcceptDossierRequest { ReceiptCode = code, Actor = Desk() });
        }

        foreach (var code in online.Take(2))
        {
            await api.ForwardDossierAsync(new ForwardDossierRequest { ReceiptCode = code, Actor = Desk() });
        }

        _clock.SetUtcNow(Local(2020, 10, 21, 10, 0));
        await api.RecordResultAsync(new RecordResultRequest { ReceiptCode = online[0], Actor = Officer(), Result = ResultKind.Approved, DocumentRef = "GPXD-1" });
        await api.ReturnResultAsync(new ReturnResultRequest { ReceiptCode = online[0], Actor = Desk(), Method = ReturnMethod.InPerson });

        // By hand: 7 dossiers for the Department of Construction, received today (21 October is in the same month):
        // 2 still submitted, 1 accepted online + 2 from the counter received, 1 in processing, 1 returned early.
        var figures = await EventuallyAsync(
            () => agencies.GetAgencyFiguresAsync(new GetAgencyFiguresRequest { AgencyCode = Construction }).ResponseAsync,
            f => f.ByState.GetValueOrDefault("ResultReturned") == 1);
        Assert.Equal(7, figures.Total);
        Assert.Equal(2, figures.ByState["Submitted"]);
        Assert.Equal(3, figures.ByState["Received"]);
        Assert.Equal(1, figures.ByState["InProcessing"]);
        Assert.Equal(1, figures.ByState["ResultReturned"]);
        Assert.Equal(0, figures.ByState["Withdrawn"]);
        Assert.Equal(new ChannelCounts { Online = 5, Counter = 2, Postal = 0, Total = 7 }, figures.ReceivedThisMonth);
        Assert.Equal(new ChannelCounts { Online = 0, Counter = 0, Postal = 0, Total = 0 }, figures.ReceivedToday); // all came on the 19th
        Assert.Equal(1, figures.FinishedEarly);
        Assert.Equal(0, figures.FinishedOnTime + figures.FinishedLate);
        Assert.Equal(4, figures.OpenWithinDeadline);
        Assert.Equal(0, figures.OpenOverdue);
        Assert.Equal(1, figures.QueueLength); // only the one in processing is at the department
        Assert.True(figures.AverageProcessingTime.ToTimeSpan() > TimeSpan.FromHours(40), figures.AverageProcessingTime.ToString());

        // The centre's desk received all seven and holds five of them: two to accept, three accepted but not forwarded.
        var desk = await agencies.GetAgencyQueueAsync(new GetAgencyQueueRequest { AgencyCode = Centre, PageSize = 10 });
        Assert.Equal(5, desk.QueueLength);
        Assert.Equal(5, desk.Dossiers.Count);
        // Most urgent first: the received ones (with a due date) before those not yet accepted.
        Assert.Equal(
            [DossierState.Received, DossierState.Received, DossierState.Received, DossierState.Submitted, DossierState.Submitted],
            desk.Dossiers.Select(d => d.State));
        Assert.Equal(desk.Dossiers.OrderBy(d => d.DueAt?.ToDateTimeOffset() ?? DateTimeOffset.MaxValue).ThenBy(d => d.ReceiptCode, StringComparer.Ordinal)
            .Select(d => d.ReceiptCode), desk.Dossiers.Select(d => d.ReceiptCode));

        var recount = await agencies.RecountAgenciesAsync(new RecountAgenciesRequest());
        Assert.Equal(7, recount.Dossiers);
        Assert.Empty(recount.Differences);
        Assert.Equal(0, recount.ReadModelMissing + recount.ReadModelStale + recount.ReadModelOrphans);
    }

    [Fact]
    public async Task An_open_dossier_turns_overdue_and_raises_the_apology_flag_at_the_right_moment_without_any_call_to_it()
    {
        await using var host = await TestHost.StartAsync(clock: _clock);
        await OverdueScenario(host, _clock);
    }

    /// <summary>Shared with the PostgreSQL run (<see cref="AgencyPostgresTests"/>).</summary>
    internal static async Task OverdueScenario(TestHost host, FakeTimeProvider clock)
    {
        var agencies = new AgencyService.AgencyServiceClient(host.Invoker);
        clock.SetUtcNow(Local(2020, 10, 19, 9, 0));
        var code = (await host.Dossiers.ReceiveDossierAsync(Counter())).ReceiptCode; // due Monday 16 November 09:00
        await host.Dossiers.ForwardDossierAsync(new ForwardDossierRequest { ReceiptCode = code, Actor = Desk() });
        await EventuallyAsync(() => Figures(agencies), f => f.ByState.GetValueOrDefault("InProcessing") == 1);

        clock.SetUtcNow(Local(2020, 11, 13, 8, 59)); // Friday, a minute before "one working day before due"
        var before = await Figures(agencies);
        Assert.Equal((1, 0, 0), (before.OpenWithinDeadline, before.OpenOverdue, before.ApologyDue));

        clock.SetUtcNow(Local(2020, 11, 13, 9, 0));
        var apology = await Figures(agencies);
        Assert.Equal((1, 0, 1), (apology.OpenWithinDeadline, apology.OpenOverdue, apology.ApologyDue));
        var queued = Assert.Single((await agencies.GetAgencyQueueAsync(new GetAgencyQueueRequest { AgencyCode = Construction })).Dossiers);
        Assert.Equal(code, queued.ReceiptCode);
        Assert.True(queued.ApologyDue);
        Assert.Equal(Timeliness.WithinDeadline, queued.Timeliness);

        clock.SetUtcNow(Local(2020, 11, 16, 9, 0)); // the due moment itself is still in time
        Assert.Equal(0, (await Figures(agencies)).OpenOverdue);

        clock.SetUtcNow(Local(2020, 11, 16, 9, 1));
        var late = await Figures(agencies);
        Assert.Equal((0, 1), (late.OpenWithinDeadline, late.OpenOverdue));
        var overdue = await agencies.ListAgencyDossiersAsync(new ListAgencyDossiersRequest { AgencyCode = Construction, Timeliness = Timeliness.Overdue });
        Assert.Equal(code, Assert.Single(overdue.Dossiers).ReceiptCode);
        Assert.Empty((await agencies.ListAgencyDossiersAsync(new ListAgencyDossiersRequest { AgencyCode = Construction, Timeliness = Timeliness.WithinDeadline })).Dossiers);
        Assert.Equal(Timeliness.Overdue, (await host.Dossiers.GetDossierAsync(new GetDossierRequest { ReceiptCode = code })).Timeliness);

        // Finished on a later day than the due date: Late (on the due date itself it would count as on time).
        clock.SetUtcNow(Local(2020, 11, 17, 10, 0));
        await host.Dossiers.RecordResultAsync(new RecordResultRequest { ReceiptCode = code, Actor = Officer(), Result = ResultKind.Approved, DocumentRef = "GPXD-2" });
        var finished = await EventuallyAsync(() => Figures(agencies), f => f.FinishedLate == 1);
        Assert.Equal((0, 0, 1), (finished.OpenOverdue, finished.FinishedEarly + finished.FinishedOnTime, finished.FinishedLate));
    }

    [Fact]
    public async Task Paging_ten_thousand_dossiers_while_writes_go_on_returns_each_one_exactly_once()
    {
        await using var host = await TestHost.StartAsync(clock: _clock);
        var agencies = new AgencyService.AgencyServiceClient(host.Invoker);
        const int count = 10_000;
        var codes = new List<string>(count);
        for (var batch = 0; batch < count / 100; batch++)
        {
            // Due dates spread over the list: the clock moves a minute per batch.
            _clock.SetUtcNow(Local(2020, 10, 19, 8, 0).AddMinutes(batch));
            var received = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => host.Dossiers.ReceiveDossierAsync(Counter()).ResponseAsync));
            codes.AddRange(received.Select(d => d.ReceiptCode));
        }

        await EventuallyAsync(() => Figures(agencies), f => f.Total == count, TimeSpan.FromSeconds(30));

        // While paging: new dossiers arrive and a tenth of the listed ones move on to the department.
        using var stop = new CancellationTokenSource();
        var changed = new HashSet<string>(codes.Where((_, i) => i % 10 == 3));
        var writer = Task.Run(async () =>
        {
            var writes = 0;
            foreach (var code in changed)
            {
                if (stop.IsCancellationRequested)
                {
                    break;
                }

                await host.Dossiers.ReceiveDossierAsync(Counter());
                await host.Dossiers.ForwardDossierAsync(new ForwardDossierRequest { ReceiptCode = code, Actor = Desk() });
                writes++;
            }

            return writes;
        });

        var seen = new List<string>();
        var token = "";
        var pages = 0;
        do
        {
            var page = await agencies.ListAgencyDossiersAsync(new ListAgencyDossiersRequest { AgencyCode = Construction, PageSize = 100, PageToken = token });
            seen.AddRange(page.Dossiers.Select(d => d.ReceiptCode));
            token = page.NextPageToken;
            pages++;
            await Task.Delay(5);
        }
        while (token.Length > 0);

        await stop.CancelAsync();
        var writes = await writer;
        Assert.True(writes > 0, "no writes happened while paging");
        Assert.True(pages >= count / 100, $"{pages} pages");
        Assert.Equal(seen.Count, seen.Distinct().Count());
        // The order is by receipt code, which never changes: even the dossiers that moved meanwhile are there once.
        Assert.Empty(codes.Except(seen));
        Assert.Equal(seen.Order(StringComparer.Ordinal), seen);
    }

    [Fact]
    public async Task Lists_filter_by_state_channel_procedure_and_due_date_and_search_finds_by_ID_number_and_phone()
    {
        await using var host = await TestHost.StartAsync(clock: _clock);
        var agencies = new AgencyService.AgencyServiceClient(host.Invoker);
        _clock.SetUtcNow(Local(2020, 10, 19, 9, 0));
        var early = (await host.Dossiers.ReceiveDossierAsync(Counter(idNumber: "022090009999"))).ReceiptCode; // due 16 Nov
        _clock.SetUtcNow(Local(2020, 10, 26, 9, 0));
        var later = (await host.Dossiers.ReceiveDossierAsync(Counter())).ReceiptCode; // due 23 Nov
        var online = (await host.Dossiers.SubmitDossierAsync(Submit())).ReceiptCode;
        await host.Dossiers.ForwardDossierAsync(new ForwardDossierRequest { ReceiptCode = later, Actor = Desk() });
        await EventuallyAsync(() => Figures(agencies), f => f.ByState.GetValueOrDefault("InProcessing") == 1);

        async Task<string[]> List(ListAgencyDossiersRequest request)
        {
            request.AgencyCode = Construction;
            return (await agencies.ListAgencyDossiersAsync(request)).Dossiers.Select(d => d.ReceiptCode).ToArray();
        }

        Assert.Equal([early, later, online], await List(new ListAgencyDossiersRequest()));
        Assert.Equal([later], await List(new ListAgencyDossiersRequest { States = { DossierState.InProcessing } }));
        Assert.Equal([early, later], await List(new ListAgencyDossiersRequest { Channel = Channel.Counter }));
        Assert.Equal([online], await List(new ListAgencyDossiersRequest { Channel = Channel.Online }));
        Assert.Equal([later], await List(new ListAgencyDossiersRequest { DueFrom = At(Local(2020, 11, 20)), DueTo = At(Local(2020, 11, 30)) }));
        Assert.Empty(await List(new ListAgencyDossiersRequest { ProcedureCode = LandChange }));
        Assert.Equal([later], await List(new ListAgencyDossiersRequest { Scope = AgencyScope.Current }));
        var atCentre = await agencies.ListAgencyDossiersAsync(new ListAgencyDossiersRequest { AgencyCode = Centre, Scope = AgencyScope.Current });
        Assert.Equal([early, online], atCentre.Dossiers.Select(d => d.ReceiptCode));

        var byId = await agencies.FindDossiersAsync(new FindDossiersRequest { ApplicantIdNumber = "022090009999" });
        Assert.Equal(early, Assert.Single(byId.Dossiers).ReceiptCode);
        Assert.Equal("Nguyễn Văn An", byId.Dossiers[0].ApplicantName);
        var byPhone = await agencies.FindDossiersAsync(new FindDossiersRequest { ApplicantPhone = "0912 345 678", PageSize = 2 });
        Assert.Equal(2, byPhone.Dossiers.Count);
        var rest = await agencies.FindDossiersAsync(new FindDossiersRequest { ApplicantPhone = "0912 345 678", PageSize = 2, PageToken = byPhone.NextPageToken });
        Assert.Equal(new[] { early, later, online }.Order(StringComparer.Ordinal), byPhone.Dossiers.Concat(rest.Dossiers).Select(d => d.ReceiptCode));
        Assert.Empty(rest.NextPageToken);
    }

    [Fact]
    public async Task Bad_input_is_refused_with_the_field_named()
    {
        await using var host = await TestHost.StartAsync(clock: _clock);
        var agencies = new AgencyService.AgencyServiceClient(host.Invoker);
        for (var i = 0; i < 3; i++)
        {
            await host.Dossiers.ReceiveDossierAsync(Counter());
        }

        await EventuallyAsync(() => Figures(agencies), f => f.Total == 3);

        var unknown = await Assert.ThrowsAsync<RpcException>(() => agencies.GetAgencyFiguresAsync(new GetAgencyFiguresRequest { AgencyCode = "H49.99" }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        var unknownList = await Assert.ThrowsAsync<RpcException>(() => agencies.ListAgencyDossiersAsync(new ListAgencyDossiersRequest { AgencyCode = "H49.99" }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, unknownList.StatusCode);

        var negative = await Assert.ThrowsAsync<RpcException>(() => agencies.ListAgencyDossiersAsync(new ListAgencyDossiersRequest { AgencyCode = Construction, PageSize = -1 }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, negative.StatusCode);
        Assert.Contains("page_size", negative.Status.Detail);

        var malformed = await Assert.ThrowsAsync<RpcException>(() => agencies.ListAgencyDossiersAsync(new ListAgencyDossiersRequest { AgencyCode = Construction, PageToken = "not-a-token!" }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, malformed.StatusCode);
        Assert.Contains("page_token", malformed.Status.Detail);

        var first = await agencies.ListAgencyDossiersAsync(new ListAgencyDossiersRequest { AgencyCode = Construction, PageSize = 1 });
        Assert.NotEmpty(first.NextPageToken);
        var foreign = await Assert.ThrowsAsync<RpcException>(() => agencies.ListAgencyDossiersAsync(
            new ListAgencyDossiersRequest { AgencyCode = Construction, PageSize = 1, Channel = Channel.Online, PageToken = first.NextPageToken }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, foreign.StatusCode);
        var otherService = await Assert.ThrowsAsync<RpcException>(() => agencies.FindDossiersAsync(
            new FindDossiersRequest { ApplicantIdNumber = "022090001234", PageToken = first.NextPageToken }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, otherService.StatusCode);

        var clamped = await agencies.ListAgencyDossiersAsync(new ListAgencyDossiersRequest { AgencyCode = Construction, PageSize = 100_000 });
        Assert.Equal(3, clamped.Dossiers.Count);
        var badState = await Assert.ThrowsAsync<RpcException>(() => agencies.ListAgencyDossiersAsync(
            new ListAgencyDossiersRequest { AgencyCode = Construction, States = { (DossierState)42 } }).ResponseAsync);
        Assert.Contains("states", badState.Status.Detail);
        var noKey = await Assert.ThrowsAsync<RpcException>(() => agencies.FindDossiersAsync(new FindDossiersRequest()).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, noKey.StatusCode);
    }

    [Fact]
    public async Task A_transferred_dossier_leaves_the_departments_queue_for_the_coordinating_agency_and_comes_back()
    {
        await using var host = await TestHost.StartAsync(clock: _clock);
        var agencies = new AgencyService.AgencyServiceClient(host.Invoker);
        var code = (await host.Dossiers.ReceiveDossierAsync(Counter())).ReceiptCode;
        await host.Dossiers.ForwardDossierAsync(new ForwardDossierRequest { ReceiptCode = code, Actor = Desk() });
        await EventuallyAsync(() => Figures(agencies), f => f.QueueLength == 1);

        await host.Dossiers.TransferDossierAsync(new TransferDossierRequest { ReceiptCode = code, Actor = Officer(), CoordinatingAgencyCode = EnvironmentDept });
        var coordinating = await EventuallyAsync(() => Figures(agencies, EnvironmentDept), f => f.QueueLength == 1);
        Assert.Equal(1, coordinating.QueueLength);
        Assert.Equal(0, coordinating.Total); // it decides nothing here: its figures are about its own dossiers
        var department = await Figures(agencies);
        Assert.Equal((0, 1), (department.QueueLength, department.Total));

        await host.Dossiers.ReturnFromTransferAsync(new ReturnFromTransferRequest { ReceiptCode = code, Actor = Officer(EnvironmentDept) });
        await EventuallyAsync(() => Figures(agencies, EnvironmentDept), f => f.QueueLength == 0);
        Assert.Equal(0, (await Figures(agencies, EnvironmentDept)).QueueLength);
        Assert.Equal(1, (await EventuallyAsync(() => Figures(agencies), f => f.QueueLength == 1)).QueueLength);
    }

    [Fact]
    public async Task A_change_delivered_twice_or_late_does_not_skew_the_counts()
    {
        await using var host = await TestHost.StartAsync(clock: _clock);
        var code = (await host.Dossiers.ReceiveDossierAsync(Counter())).ReceiptCode;
        var forwarded = await host.Dossiers.ForwardDossierAsync(new ForwardDossierRequest { ReceiptCode = code, Actor = Desk() });
        var agencies = new AgencyService.AgencyServiceClient(host.Invoker);
        var settled = await EventuallyAsync(() => Figures(agencies), f => f.ByState.GetValueOrDefault("InProcessing") == 1);

        // Replay both versions, the newer first, then the older one again: nothing moves.
        var relay = host.Services.GetRequiredService<DossierTracking.Grains.Agencies.DossierChangeRelay>();
        var grain = host.Grains.GetGrain<DossierTracking.Contracts.Agencies.IAgencyGrain>(Construction);
        var rows = await host.Services.GetRequiredService<DossierTracking.Contracts.Agencies.IDossierIndex>().LoadAgencyAsync(Construction);
        var current = Assert.Single(rows);
        Assert.Equal(forwarded.Version, current.Version);
        var older = current with { Version = current.Version - 1, State = DossierTracking.Contracts.Dossiers.DossierState.Received, CurrentAgencyCode = Centre };
        await grain.ApplyAsync([current, current]);
        await grain.ApplyAsync([older]);
        relay.Enqueue(older, formerAgency: null);
        await relay.FlushAsync();

        var after = await Figures(agencies);
        Assert.Equal(settled.ByState, after.ByState);
        Assert.Equal((1, 1), (after.Total, after.QueueLength));
        Assert.Equal(forwarded.Version, Assert.Single(await host.Services.GetRequiredService<DossierTracking.Contracts.Agencies.IDossierIndex>().LoadAgencyAsync(Construction)).Version);
    }

    [Fact]
    public async Task The_recount_reports_a_lost_read_model_row_and_the_repair_restores_it()
    {
        await using var host = await TestHost.StartAsync(clock: _clock);
        var agencies = new AgencyService.AgencyServiceClient(host.Invoker);
        var code = (await host.Dossiers.ReceiveDossierAsync(Counter())).ReceiptCode;
        await host.Dossiers.ReceiveDossierAsync(Counter());
        await EventuallyAsync(() => Figures(agencies), f => f.Total == 2);

        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(host.DataDirectory, "dossiers.db")}"))
        {
            await connection.OpenAsync();
            await using var delete = connection.CreateCommand();
            delete.CommandText = "DELETE FROM dvc_dossier_index WHERE receipt_code = $code";
            delete.Parameters.AddWithValue("$code", code);
            Assert.Equal(1, await delete.ExecuteNonQueryAsync());
        }

        // The agency still counts it (it holds its rows), but a rebuild from the read model would lose it: the recount says so.
        var broken = await agencies.RecountAgenciesAsync(new RecountAgenciesRequest());
        Assert.Equal(1, broken.ReadModelMissing);

        var repaired = await host.Services.GetRequiredService<DossierTracking.Grains.Agencies.DossierIndexRepair>().RepairAsync(CancellationToken.None);
        Assert.Equal(1, repaired);
        var clean = await agencies.RecountAgenciesAsync(new RecountAgenciesRequest());
        Assert.Equal((0, 0, 0), (clean.ReadModelMissing, clean.ReadModelStale, clean.ReadModelOrphans));
        Assert.Empty(clean.Differences);
    }

    private static Task<AgencyFigures> Figures(AgencyService.AgencyServiceClient agencies, string agency = Construction) =>
        agencies.GetAgencyFiguresAsync(new GetAgencyFiguresRequest { AgencyCode = agency }).ResponseAsync;
}
