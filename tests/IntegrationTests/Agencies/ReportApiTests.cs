using DossierTracking.GrpcApi.V1;
using DossierTracking.IntegrationTests.Infrastructure;
using Grpc.Core;
using Microsoft.Extensions.Time.Testing;
using static DossierTracking.IntegrationTests.Agencies.AgencyTestSupport;
using static DossierTracking.IntegrationTests.Infrastructure.Requests;

namespace DossierTracking.IntegrationTests.Agencies;

/// <summary>KPI reports for a period against a count by hand of what the test did.</summary>
public sealed class ReportApiTests
{
    private readonly FakeTimeProvider _clock = new(Local(2020, 9, 28, 9, 0));

    [Fact]
    public async Task A_months_report_shows_the_figures_a_hand_count_gives()
    {
        await using var host = await TestHost.StartAsync(clock: _clock);
        var api = host.Dossiers;
        var reports = new ReportService.ReportServiceClient(host.Invoker);
        var agencies = new AgencyService.AgencyServiceClient(host.Invoker);

        // September: two dossiers at the counter; one is finished in September, the other carried over into October.
        var septemberDone = (await api.ReceiveDossierAsync(Counter())).ReceiptCode;
        var carried = (await api.ReceiveDossierAsync(Counter())).ReceiptCode; // due 26 October 09:00
        await api.ForwardDossierAsync(new ForwardDossierRequest { ReceiptCode = septemberDone, Actor = Desk() });
        await api.ForwardDossierAsync(new ForwardDossierRequest { ReceiptCode = carried, Actor = Desk() });
        _clock.SetUtcNow(Local(2020, 9, 30, 10, 0));
        await api.RecordResultAsync(new RecordResultRequest { ReceiptCode = septemberDone, Actor = Officer(), Result = ResultKind.Approved, DocumentRef = "A" });

        // October: three online and one at the counter. One online finished early, one withdrawn, one left waiting
        // for intake; the counter one stays open and is overdue by the end of the month.
        _clock.SetUtcNow(Local(2020, 10, 5, 9, 0));
        var early = (await api.SubmitDossierAsync(Submit())).ReceiptCode;
        var withdrawn = (await api.SubmitDossierAsync(Submit())).ReceiptCode;
        await api.SubmitDossierAsync(Submit());
        var overdue = (await api.ReceiveDossierAsync(Counter())).ReceiptCode; // due 2 November 09:00: within at month end
        await api.AcceptDossierAsync(new AcceptDossierRequest { ReceiptCode = early, Actor = Desk() });
        await api.ForwardDossierAsync(new ForwardDossierRequest { ReceiptCode = early, Actor = Desk() });
        await api.WithdrawDossierAsync(new WithdrawDossierRequest { ReceiptCode = withdrawn, Actor = Portal, Reason = "Không cần nữa" });
        _clock.SetUtcNow(Local(2020, 10, 12, 9, 0));
        await api.RecordResultAsync(new RecordResultRequest { ReceiptCode = early, Actor = Officer(), Result = ResultKind.Approved, DocumentRef = "B" });
        _clock.SetUtcNow(Local(2020, 11, 20, 9, 0)); // the month is over: open ones are judged at its end
        await EventuallyAsync(() => agencies.GetAgencyFiguresAsync(new GetAgencyFiguresRequest { AgencyCode = Construction }).ResponseAsync,
            f => f.ByState.GetValueOrDefault("ResultReady") == 2 && f.ByState.GetValueOrDefault("Withdrawn") == 1);

        var october = await reports.GetReportAsync(new GetReportRequest { AgencyCode = Construction, Period = PeriodKind.Month, Date = "2020-10-19" });
        Assert.Equal(("2020-10-01", "2020-11-01"), (october.FirstDay, october.EndDay));
        Assert.Equal(new ChannelCounts { Online = 3, Counter = 1, Total = 4 }, october.Received);
        Assert.Equal(1, october.CarriedOver);
        Assert.Equal((1, 0, 0), (october.FinishedEarly, october.FinishedOnTime, october.FinishedLate));
        Assert.Equal(1, october.Withdrawn);
        // Open on 31 October: the carried one (due 26 October: overdue) and the counter one (due 2 November: within).
        Assert.Equal((1, 1), (october.OpenWithinDeadline, october.OpenOverdue));
        Assert.Equal(1.0, october.OnTimeRate);
        Assert.Equal(3.0 / 4, october.OnlineRate); // the procedure is level 4: all four could have come online
        Assert.Equal(20.0 * (1 + 1) / (4 + 1), october.ProgressScore, 6);
        Assert.True(october.Procedures > 0);
        Assert.InRange(october.Level34Share, 0.01, 1);

        var september = await reports.GetReportAsync(new GetReportRequest { AgencyCode = Construction, Period = PeriodKind.Month, Date = "2020-09-01" });
        Assert.Equal((2, 0, 1), (september.Received.Total, september.CarriedOver, september.FinishedEarly));
        Assert.Equal((1, 0), (september.OpenWithinDeadline, september.OpenOverdue));

        var quarter = await reports.GetReportAsync(new GetReportRequest { AgencyCode = Construction, Period = PeriodKind.Quarter, Date = "2020-11-20" });
        Assert.Equal(("2020-10-01", "2021-01-01"), (quarter.FirstDay, quarter.EndDay));
        Assert.Equal((4, 1), (quarter.Received.Total, quarter.CarriedOver));
        Assert.Equal((0, 2), (quarter.OpenWithinDeadline, quarter.OpenOverdue)); // judged now, 20 November

        var province = await reports.GetReportAsync(new GetReportRequest { Province = true, Period = PeriodKind.Year, Date = "2020-01-01" });
        Assert.Equal(6, province.Received.Total);
        Assert.Equal(2, province.FinishedEarly);
        Assert.True(province.Procedures >= 200);
        var provinceLevel = await reports.GetReportAsync(new GetReportRequest { Level = AgencyLevel.Province, Period = PeriodKind.Year, Date = "2020-06-30" });
        Assert.Equal(6, provinceLevel.Received.Total);
        var district = await reports.GetReportAsync(new GetReportRequest { Level = AgencyLevel.District, Period = PeriodKind.Year, Date = "2020-06-30" });
        Assert.Equal(0, district.Received.Total);
        Assert.False(district.HasOnTimeRate);
        Assert.False(district.HasProgressScore);
        var day = await reports.GetReportAsync(new GetReportRequest { AgencyCode = Construction, Period = PeriodKind.Day, Date = "2020-10-05" });
        Assert.Equal(4, day.Received.Total);
    }

    [Fact]
    public async Task Bad_report_requests_are_refused_with_the_field_named()
    {
        await using var host = await TestHost.StartAsync(clock: _clock);
        var reports = new ReportService.ReportServiceClient(host.Invoker);

        async Task<RpcException> Refused(GetReportRequest request) =>
            await Assert.ThrowsAsync<RpcException>(() => reports.GetReportAsync(request).ResponseAsync);

        var unknown = await Refused(new GetReportRequest { AgencyCode = "H49.99", Period = PeriodKind.Month, Date = "2020-10-01" });
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        var noScope = await Refused(new GetReportRequest { Period = PeriodKind.Month, Date = "2020-10-01" });
        Assert.Equal(StatusCode.InvalidArgument, noScope.StatusCode);
        var twoScopes = await Refused(new GetReportRequest { Province = true, AgencyCode = Construction, Period = PeriodKind.Month, Date = "2020-10-01" });
        Assert.Equal(StatusCode.InvalidArgument, twoScopes.StatusCode);
        var noPeriod = await Refused(new GetReportRequest { Province = true, Date = "2020-10-01" });
        Assert.Contains("period", noPeriod.Status.Detail);
        var badDate = await Refused(new GetReportRequest { Province = true, Period = PeriodKind.Day, Date = "19/10/2020" });
        Assert.Contains("date", badDate.Status.Detail);
    }
}
