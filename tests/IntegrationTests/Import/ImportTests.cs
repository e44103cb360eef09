using System.Text.Json.Nodes;
using DossierTracking.GrpcApi.Security;
using DossierTracking.GrpcApi.V1;
using DossierTracking.IntegrationTests.Infrastructure;
using Grpc.Core;
using static DossierTracking.IntegrationTests.Infrastructure.Requests;

namespace DossierTracking.IntegrationTests.Import;

/// <summary>The import of another system's dossiers over ImportService (docs/import.md), on the embedded default storage.</summary>
public sealed class ImportTests
{
    private static readonly Metadata Admin = TestTokens.Bearer(TestTokens.For(Roles.Administrator, "admin-1"));
    private static readonly Metadata DeskOfficer = TestTokens.Bearer(TestTokens.For(Roles.DeskOfficer, "mc-01", Centre));

    private static async Task<(List<ImportDossiersResponse> Answers, ImportDossiersResponse Last)> RunAsync(TestHost host, string source,
        IEnumerable<IEnumerable<(long Number, string Json)>> messages, ImportErrorMode mode = ImportErrorMode.Skip, Metadata? as_ = null)
    {
        var client = new ImportService.ImportServiceClient(host.Channel);
        using var call = client.ImportDossiers(as_ ?? Admin, deadline: DateTime.UtcNow.AddMinutes(2));
        var first = true;
        foreach (var lines in messages)
        {
            var request = first ? new ImportDossiersRequest { Source = source, OnError = mode } : new ImportDossiersRequest();
            first = false;
            request.Lines.AddRange(lines.Select(l => new ImportLine { Number = l.Number, Json = l.Json }));
            await call.RequestStream.WriteAsync(request);
        }

        await call.RequestStream.CompleteAsync();
        var answers = new List<ImportDossiersResponse>();
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            answers.Add(call.ResponseStream.Current);
        }

        return (answers, answers[^1]);
    }

    private static IEnumerable<(long, string)> Numbered(params JsonObject[] lines) => lines.Select((l, i) => ((long)i + 1, l.ToJsonString()));

    [Fact]
    public async Task Imported_dossiers_keep_their_codes_times_and_history_a_bad_line_is_reported_by_number_and_a_second_run_changes_nothing()
    {
        await using var host = await TestHost.StartAsync();
        var day = Local(2020, 3, 10);
        var good1 = ImportLines.Returned("egov-1", day, 7);
        var good2 = ImportLines.Returned("egov-2", day, 8);
        var badCode = ImportLines.Returned("egov-3", day, 9);
        badCode["receipt_code"] = "H49.193-200310-0009";
        const string notJson = "{\"source_id\": \"egov-4\", ";
        var unknownField = ImportLines.Returned("egov-5", day, 10);
        unknownField["colour"] = "blue";
        var twoChannels = ImportLines.Returned("egov-6", day, 11);
        twoChannels["channel"] = "ONLINE, COUNTER";
        var nullEntry = ImportLines.Returned("egov-7", day, 12);
        ((JsonArray)nullEntry["history"]!).Add(null);
        var lines = new List<(long, string)>(Numbered(good1, good2, badCode))
        {
            (4, notJson), (5, unknownField.ToJsonString()), (6, twoChannels.ToJsonString()), (7, nullEntry.ToJsonString()),
        };

        var (answers, last) = await RunAsync(host, "qn-egov", [lines.Take(2), lines.Skip(2)]);

        // One answer a message, then the last one.
        Assert.Equal(3, answers.Count);
        Assert.True(last.Finished);
        Assert.False(last.Stopped);
        Assert.Equal((7L, 2L, 0L, 5L), (last.LinesDone, last.Imported, last.AlreadyImported, last.Refused));
        Assert.Empty(answers[0].Problems);
        Assert.Equal((2L, 2L), (answers[0].LinesDone, answers[0].Imported));
        Assert.Equal([(3L, "RECEIPT_CODE_MISMATCH", "receipt_code"), (4L, "INVALID_JSON", ""), (5L, "INVALID_JSON", "colour"),
                (6L, "INVALID_JSON", "channel"), (7L, "INVALID_JSON", "history[5]")],
            answers[1].Problems.Select(p => (p.Line, p.Code, p.Field)));

        // The officer of the desk sees the dossier as the old system left it: its state, times and control slip.
        var dossier = await host.Dossiers.GetDossierAsync(new GetDossierRequest { ReceiptCode = "H49.50-200310-0007" }, DeskOfficer);
        Assert.Equal(DossierState.ResultReturned, dossier.State);
        Assert.Equal(5, dossier.History.Count);
        Assert.Equal(Local(2020, 3, 10, 8, 7), dossier.History[0].At.ToDateTimeOffset());
        Assert.Equal(Local(2020, 3, 17, 8, 7), dossier.History[^1].At.ToDateTimeOffset());
        Assert.Equal([DossierAction.Submit, DossierAction.Accept, DossierAction.Forward, DossierAction.RecordResult, DossierAction.ReturnResult],
            dossier.History.Select(h => h.Action));
        await Assert.ThrowsAsync<RpcException>(() => host.Dossiers.GetDossierAsync(new GetDossierRequest { ReceiptCode = "H49.193-200310-0009" }, DeskOfficer).ResponseAsync)
            .ContinueWith(t => Assert.Equal(StatusCode.NotFound, t.Result.StatusCode));

        // The same file again: what was imported is there already; the bad lines are still bad; nothing is doubled.
        var (_, again) = await RunAsync(host, "qn-egov", [lines]);
        Assert.Equal((7L, 0L, 2L, 5L), (again.LinesDone, again.Imported, again.AlreadyImported, again.Refused));

        // A source id seen before with other content, and a receipt code already held by another source's dossier, change nothing.
        var changed = ImportLines.Returned("egov-1", day, 7, phone: "0987654321");
        var squatter = ImportLines.Returned("other-9", day, 8);
        var (conflictAnswers, conflicts) = await RunAsync(host, "qn-egov", [Numbered(changed, squatter)]);
        Assert.Equal([(1L, "CONFLICT", "source_id"), (2L, "CONFLICT", "receipt_code")], conflictAnswers[0].Problems.Select(p => (p.Line, p.Code, p.Field)));
        Assert.Equal(0, conflicts.Imported);
        var kept = await host.Dossiers.GetDossierAsync(new GetDossierRequest { ReceiptCode = "H49.50-200310-0007" }, DeskOfficer);
        Assert.Equal("0912345678", kept.Applicant.Phone);

        // The refused line took nothing: corrected (its own receipt code), the same source id imports.
        var corrected = ImportLines.Returned("other-9", day, 13);
        var (_, fixedRun) = await RunAsync(host, "qn-egov", [Numbered(corrected)]);
        Assert.Equal((1L, 0L), (fixedRun.Imported, fixedRun.Refused));
    }

    [Fact]
    public async Task With_stop_on_error_the_run_ends_at_the_first_bad_line_after_importing_the_lines_before_it()
    {
        await using var host = await TestHost.StartAsync();
        var day = Local(2019, 11, 4);
        var bad = ImportLines.Returned("s-2", day, 2);
        bad["state"] = "RESULT_READY";
        var lines = Numbered(ImportLines.Returned("s-1", day, 1), bad, ImportLines.Returned("s-3", day, 3)).ToList();

        var (answers, last) = await RunAsync(host, "qn-egov", [lines.Take(2), lines.Skip(2)], ImportErrorMode.Stop);

        Assert.Single(answers);
        Assert.True(last.Stopped);
        Assert.True(last.Finished);
        Assert.Equal((1L, 1L), (last.Imported, last.Refused));
        Assert.Equal((2L, "STATE_MISMATCH", "state"), (last.Problems.Single().Line, last.Problems.Single().Code, last.Problems.Single().Field));
        await host.Dossiers.GetDossierAsync(new GetDossierRequest { ReceiptCode = "H49.50-191104-0001" }, DeskOfficer);
        var third = await Assert.ThrowsAsync<RpcException>(() => host.Dossiers.GetDossierAsync(new GetDossierRequest { ReceiptCode = "H49.50-191104-0003" }, DeskOfficer).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, third.StatusCode);
    }

    [Fact]
    public async Task A_desk_s_sequence_for_the_day_continues_after_the_highest_imported_number()
    {
        await using var host = await TestHost.StartAsync();
        // A dossier the old system received earlier today, under number 41.
        var now = DateTimeOffset.UtcNow.ToOffset(Vietnam);
        var earlier = now.AddSeconds(-5);
        var line = ImportLines.Returned("today-41", earlier, 41);
        var history = (JsonArray)line["history"]!;
        while (history.Count > 1)
        {
            history.RemoveAt(history.Count - 1);
        }

        ((JsonObject)history[0]!)["at"] = earlier.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", System.Globalization.CultureInfo.InvariantCulture);
        line["receipt_code"] = $"{Centre}-{earlier:yyMMdd}-0041";
        line["state"] = "SUBMITTED";
        line.Remove("result");
        line.Remove("return_method");
        var (_, last) = await RunAsync(host, "qn-egov", [Numbered(line)]);
        Assert.Equal(1, last.Imported);

        var submitted = await host.Dossiers.SubmitDossierAsync(Submit());
        Assert.True(ReceiptNumber(submitted.ReceiptCode) > 41, submitted.ReceiptCode);
        Assert.Equal(DossierState.Submitted, (await host.Dossiers.GetDossierAsync(new GetDossierRequest { ReceiptCode = $"{Centre}-{earlier:yyMMdd}-0041" }, DeskOfficer)).State);
    }

    [Fact]
    public async Task Imported_dossiers_count_in_the_report_of_their_own_year_go_to_the_feed_marked_imported_and_notify_nobody()
    {
        await using var host = await TestHost.StartAsync();
        var lines = Enumerable.Range(1, 30).Select(i => ImportLines.Returned($"r-{i}", Local(2020, 1 + i % 10, 5 + i % 20), 100 + i)).ToArray();
        var (_, last) = await RunAsync(host, "qn-egov", [Numbered(lines)]);
        Assert.Equal(30, last.Imported);

        var reports = new ReportService.ReportServiceClient(host.Channel);
        var supervisor = TestTokens.Bearer(TestTokens.For(Roles.Supervisor, "so-1"));
        var request = new GetReportRequest { Province = true, Period = PeriodKind.Year, Date = "2020-06-30" };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        Report report;
        do
        {
            report = await reports.GetReportAsync(request, supervisor);
        }
        while (report.Received.Online < 30 && DateTime.UtcNow < deadline && await Task.Delay(200).ContinueWith(_ => true));

        Assert.Equal((30, 30), (report.Received.Online, report.Received.Total));
        Assert.Equal(0, (await reports.GetReportAsync(new GetReportRequest { Province = true, Period = PeriodKind.Year, Date = "2021-06-30" }, supervisor)).Received.Total);

        // A dossier submitted now, after the import: once its receipt is told, the imported ones were passed over.
        var live = await host.Dossiers.SubmitDossierAsync(Submit());
        var notifications = new NotificationService.NotificationServiceClient(host.Channel);
        deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await notifications.ListDossierNotificationsAsync(new ListDossierNotificationsRequest { ReceiptCode = live.ReceiptCode }, DeskOfficer)).Notifications.Count == 0
            && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        Assert.NotEmpty((await notifications.ListDossierNotificationsAsync(new ListDossierNotificationsRequest { ReceiptCode = live.ReceiptCode }, DeskOfficer)).Notifications);
        Assert.Empty((await notifications.ListDossierNotificationsAsync(new ListDossierNotificationsRequest { ReceiptCode = lines[0]["receipt_code"]!.GetValue<string>() }, DeskOfficer)).Notifications);

        var feed = new ChangeFeedService.ChangeFeedServiceClient(host.Channel);
        var page = await feed.ReadChangesAsync(new ReadChangesRequest { PageSize = 1000 }, TestTokens.Bearer(TestTokens.For(Roles.Sync, "dvcqg")));
        Assert.Equal(30, page.Changes.Count(c => c.Imported));
        Assert.All(page.Changes.Where(c => c.Imported), c => Assert.Equal(DossierAction.ReturnResult, c.Entry.Action));
        Assert.False(page.Changes.Single(c => c.ReceiptCode == live.ReceiptCode).Imported);
    }

    [Fact]
    public async Task Only_administrators_import_and_a_bad_source_or_message_is_refused_before_anything_is_written()
    {
        await using var host = await TestHost.StartAsync();
        var line = Numbered(ImportLines.Returned("x-1", Local(2020, 2, 3), 1));

        var officer = await Assert.ThrowsAsync<RpcException>(() => RunAsync(host, "qn-egov", [line], as_: DeskOfficer));
        Assert.Equal(StatusCode.PermissionDenied, officer.StatusCode);
        var anonymous = await Assert.ThrowsAsync<RpcException>(() => RunAsync(host, "qn-egov", [line], as_: []));
        Assert.Equal(StatusCode.Unauthenticated, anonymous.StatusCode);

        var source = await Assert.ThrowsAsync<RpcException>(() => RunAsync(host, "QN EGOV", [line]));
        Assert.Equal((StatusCode.InvalidArgument, "source"), (source.StatusCode, FieldOf(source)));
        var order = await Assert.ThrowsAsync<RpcException>(() => RunAsync(host, "qn-egov", [[(5, "{}"), (4, "{}")]]));
        Assert.Equal((StatusCode.InvalidArgument, "lines.number"), (order.StatusCode, FieldOf(order)));

        var missing = await Assert.ThrowsAsync<RpcException>(() => host.Dossiers.GetDossierAsync(new GetDossierRequest { ReceiptCode = "H49.50-200203-0001" }, DeskOfficer).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task An_imported_dossier_still_open_goes_on_here_and_its_next_change_is_news_with_the_next_version()
    {
        await using var host = await TestHost.StartAsync();
        var line = ImportLines.Returned("open-1", Local(2020, 10, 26), 5);
        var history = (JsonArray)line["history"]!;
        history.RemoveAt(4);
        history.RemoveAt(3);
        line["state"] = "IN_PROCESSING";
        line.Remove("result");
        line.Remove("return_method");
        var (_, last) = await RunAsync(host, "qn-egov", [Numbered(line)]);
        Assert.Equal(1, last.Imported);
        const string code = "H49.50-201026-0005";

        var recorded = await host.Dossiers.RecordResultAsync(new RecordResultRequest { ReceiptCode = code, Actor = Officer(), Result = ResultKind.Approved, ExpectedVersion = 3 });
        Assert.Equal((DossierState.ResultReady, 4L), (recorded.State, recorded.Version));

        var feed = new ChangeFeedService.ChangeFeedServiceClient(host.Channel);
        var changes = (await feed.ReadChangesAsync(new ReadChangesRequest(), TestTokens.Bearer(TestTokens.For(Roles.Sync, "dvcqg")))).Changes.Where(c => c.ReceiptCode == code).ToList();
        Assert.Equal([(3L, true, DossierAction.Forward), (4L, false, DossierAction.RecordResult)], changes.Select(c => (c.Version, c.Imported, c.Entry.Action)));
    }

    [Fact]
    public async Task An_import_cut_off_half_way_and_run_again_ends_with_every_dossier_once()
    {
        await using var host = await TestHost.StartAsync();
        var lines = Enumerable.Range(1, 600).Select(i => (Number: (long)i, Json: ImportLines.Returned($"cut-{i}", Local(2018, 1 + i % 12, 1 + i % 28), i).ToJsonString())).ToList();
        var client = new ImportService.ImportServiceClient(host.Channel);
        long importedBefore;
        using (var cut = new CancellationTokenSource())
        {
            using var call = client.ImportDossiers(Admin, cancellationToken: cut.Token);
            for (var m = 0; m < 6; m++)
            {
                var request = m == 0 ? new ImportDossiersRequest { Source = "qn-egov" } : new ImportDossiersRequest();
                request.Lines.AddRange(lines.Skip(m * 100).Take(100).Select(l => new ImportLine { Number = l.Number, Json = l.Json }));
                await call.RequestStream.WriteAsync(request);
            }

            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
            importedBefore = call.ResponseStream.Current.Imported;
            await cut.CancelAsync();
        }

        Assert.InRange(importedBefore, 200, 599);
        var (_, again) = await RunAsync(host, "qn-egov", [lines.Take(300), lines.Skip(300)]);
        Assert.Equal(600, again.Imported + again.AlreadyImported);
        Assert.InRange(again.AlreadyImported, importedBefore, 600);
        Assert.Equal(0, again.Refused);

        var reports = new ReportService.ReportServiceClient(host.Channel);
        var supervisor = TestTokens.Bearer(TestTokens.For(Roles.Supervisor, "so-1"));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        Report report;
        do
        {
            report = await reports.GetReportAsync(new GetReportRequest { Province = true, Period = PeriodKind.Year, Date = "2018-06-30" }, supervisor);
        }
        while (report.Received.Total < 600 && DateTime.UtcNow < deadline && await Task.Delay(200).ContinueWith(_ => true));

        Assert.Equal(600, report.Received.Total);
    }

    private static string FieldOf(RpcException e) =>
        e.Trailers.GetValueBytes("grpc-status-details-bin") is { } bytes
        && Google.Rpc.Status.Parser.ParseFrom(bytes).Details.Select(d => d.TryUnpack<Google.Rpc.BadRequest>(out var bad) ? bad : null).FirstOrDefault(b => b is not null) is { } badRequest
            ? badRequest.FieldViolations[0].Field
            : "";

    private static long ReceiptNumber(string code) => long.Parse(code[(code.LastIndexOf('-') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
}
