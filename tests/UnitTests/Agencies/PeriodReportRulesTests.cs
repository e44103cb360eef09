using DossierTracking.Contracts.Agencies;
using DossierTracking.Contracts.Dossiers;
using DossierTracking.Domain.Catalog;
using DossierTracking.Domain.Reports;

namespace DossierTracking.UnitTests.Agencies;

public sealed class PeriodReportRulesTests
{
    private static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);
    private static readonly ReferenceCatalog Catalog = ReferenceCatalog.LoadEmbedded();

    [Theory]
    [InlineData(PeriodKind.Day, "2020-10-19", "2020-10-19", "2020-10-20")]
    [InlineData(PeriodKind.Month, "2020-12-31", "2020-12-01", "2021-01-01")]
    [InlineData(PeriodKind.Quarter, "2020-03-31", "2020-01-01", "2020-04-01")]
    [InlineData(PeriodKind.Quarter, "2020-11-20", "2020-10-01", "2021-01-01")]
    [InlineData(PeriodKind.Year, "2024-02-29", "2024-01-01", "2025-01-01")]
    public void Periods_run_from_their_first_day_to_the_first_day_after(PeriodKind kind, string anchor, string first, string end)
    {
        var period = new ReportPeriod(kind, DateOnly.Parse(anchor));
        Assert.Equal((DateOnly.Parse(first), DateOnly.Parse(end)), (period.First, period.End));
    }

    [Fact]
    public void Boundaries_are_Viet_Nam_midnight_and_closed_dossiers_are_not_carried_over()
    {
        var midnight = new DateTimeOffset(2020, 10, 1, 0, 0, 0, Vietnam);
        var rows = new[]
        {
            Row("A", DossierState.InProcessing, received: midnight.AddMinutes(-1), due: midnight.AddDays(3)),   // carried over
            Row("B", DossierState.InProcessing, received: midnight, due: midnight.AddDays(3)),                  // received in October
            Row("C", DossierState.Stopped, received: midnight.AddDays(-5), updated: midnight.AddDays(-1)),     // closed in September
            Row("D", DossierState.Stopped, received: midnight.AddDays(-5), updated: midnight.AddDays(1)),      // carried, then stopped
            Row("E", DossierState.ResultReady, received: midnight.AddDays(-5), due: midnight.AddDays(2), finished: midnight.AddSeconds(-1), outcome: Timeliness.Early),
        };

        var report = PeriodReportRules.Compute("test", new ReportPeriod(PeriodKind.Month, new DateOnly(2020, 10, 1)), rows, Catalog, Catalog.Procedures,
            new DateTimeOffset(2021, 1, 5, 9, 0, 0, Vietnam));
        Assert.Equal(1, report.Received.Total);
        Assert.Equal(2, report.CarriedOver);
        Assert.Equal(0, report.FinishedEarly); // E finished a second before October
        Assert.Equal((0, 2), (report.OpenWithinDeadline, report.OpenOverdue)); // A and B, judged at 1 November
        Assert.Equal(20.0 * 0 / 3, report.ProgressScore);
    }

    [Fact]
    public void The_online_payment_rate_counts_dossiers_received_in_the_period_whose_fees_were_asked_for()
    {
        var october = new DateTimeOffset(2020, 10, 1, 8, 0, 0, Vietnam);
        var rows = new[]
        {
            Row("A", DossierState.InProcessing, received: october) with { Payment = PaymentMark.PaidOnline },
            Row("B", DossierState.AwaitingPayment, received: october) with { Payment = PaymentMark.Requested },
            Row("C", DossierState.Withdrawn, received: october, finished: october.AddDays(1)) with { Payment = PaymentMark.Requested },
            Row("D", DossierState.InProcessing, received: october),                                                  // no fee
            Row("E", DossierState.InProcessing, received: october.AddMonths(-1)) with { Payment = PaymentMark.PaidOnline }, // September
        };
        var report = PeriodReportRules.Compute("test", new ReportPeriod(PeriodKind.Month, new DateOnly(2020, 10, 1)), rows, Catalog, Catalog.Procedures,
            new DateTimeOffset(2020, 11, 5, 9, 0, 0, Vietnam));
        Assert.Equal((3, 1), (report.FeesRequested, report.PaidOnline));
        Assert.Equal(1.0 / 3, report.OnlinePaymentRate);

        var none = PeriodReportRules.Compute("test", new ReportPeriod(PeriodKind.Month, new DateOnly(2020, 10, 1)), [rows[3]], Catalog, Catalog.Procedures,
            new DateTimeOffset(2020, 11, 5, 9, 0, 0, Vietnam));
        Assert.Null(none.OnlinePaymentRate);
    }

    private static DossierIndexRow Row(string code, DossierState state, DateTimeOffset received, DateTimeOffset? due = null,
        DateTimeOffset? finished = null, Timeliness outcome = Timeliness.NotApplicable, DateTimeOffset? updated = null) => new()
    {
        ReceiptCode = code,
        Version = 1,
        State = state,
        Channel = Channel.Counter,
        ProcedureCode = "1.003205",
        ReceivingDeskCode = "H49.50",
        HandlingAgencyCode = "H49.08",
        CurrentAgencyCode = "H49.08",
        ApplicantName = "",
        ApplicantIdNumber = "",
        ApplicantPhone = "",
        ReceivedAt = received,
        DueAt = due,
        FinishedAt = finished,
        Outcome = outcome,
        UpdatedAt = updated ?? received,
    };
}
