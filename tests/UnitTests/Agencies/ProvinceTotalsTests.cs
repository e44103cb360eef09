using DossierTracking.Contracts.Agencies;
using DossierTracking.Contracts.Catalog;
using DossierTracking.Contracts.Dossiers;
using DossierTracking.Domain.Agencies;
using DossierTracking.Domain.Catalog;

namespace DossierTracking.UnitTests.Agencies;

/// <summary>The province page's figures: taken from agencies' figures, and summed for the province counting each dossier once.</summary>
public sealed class ProvinceTotalsTests
{
    private static readonly DateTimeOffset Now = new(2020, 10, 21, 10, 0, 0, TimeSpan.FromHours(7));

    private static DossierIndexRow Row(string code, string desk, string handling, DossierState state = DossierState.InProcessing,
        Channel channel = Channel.Online, DateTimeOffset? due = null, DateTimeOffset? finished = null, Timeliness outcome = Timeliness.NotApplicable) => new()
    {
        ReceiptCode = code,
        Version = 1,
        State = state,
        Channel = channel,
        ProcedureCode = "1.000001",
        ReceivingDeskCode = desk,
        HandlingAgencyCode = handling,
        CurrentAgencyCode = handling,
        ApplicantName = "",
        ApplicantIdNumber = "",
        ApplicantPhone = "",
        SubmittedAt = channel == Channel.Online ? Now.AddHours(-1) : null,
        ReceivedAt = Now.AddHours(-1),
        DueAt = due ?? Now.AddDays(10),
        FinishedAt = finished,
        Outcome = outcome,
        UpdatedAt = Now,
    };

    [Fact]
    public void The_headline_figures_are_the_agency_figures_regrouped()
    {
        var rows = new[]
        {
            Row("A", TestData.Centre, TestData.Construction),
            Row("B", TestData.Centre, TestData.Construction, due: Now.AddHours(-2)),
            Row("C", TestData.Centre, TestData.Construction, DossierState.ResultReturned, Channel.Counter, finished: Now, outcome: Timeliness.Late),
            Row("D", TestData.Centre, TestData.Construction, DossierState.ResultReturned, finished: Now, outcome: Timeliness.Early),
        };
        var figures = AgencyFigureRules.Compute(TestData.Construction, rows, Now);

        var headline = HeadlineFigures.From(figures);

        Assert.Equal(4, headline.ReceivedToday);
        Assert.Equal(2, headline.InProcessing);
        Assert.Equal(1, headline.Overdue);
        Assert.Equal(figures.ApologyDue, headline.ApologyDue);
        Assert.Equal(0.5, headline.OnTimeRate);
        Assert.Equal(0.75, headline.OnlineRate);
        Assert.Equal(4, headline.Total);
    }

    [Fact]
    public void Rates_are_absent_until_there_is_something_to_divide_by()
    {
        Assert.Null(HeadlineFigures.Zero.OnTimeRate);
        Assert.Null(HeadlineFigures.Zero.OnlineRate);
    }

    [Fact]
    public void The_province_counts_each_dossier_once_although_desk_and_deciding_agency_both_count_it()
    {
        // A province-level dossier received at the service centre and decided by a department; a district's and a
        // commune's, each received and decided by the same unit.
        var rows = new[]
        {
            Row("P", TestData.Centre, TestData.Construction),
            Row("D", TestData.HaLong, TestData.HaLong),
            Row("C", TestData.HaKhanh, TestData.HaKhanh),
        };
        var agencies = TestData.Catalog.Agencies
            .Select(a => (a, HeadlineFigures.From(AgencyFigureRules.Compute(a.Code, rows, Now))))
            .ToList();
        Assert.Equal(4, agencies.Sum(a => a.Item2.ReceivedToday)); // the centre and the department both count P

        var province = ProvinceTotals.Sum(agencies);

        Assert.Equal(3, province.ReceivedToday);
        Assert.Equal(3, province.InProcessing);
        Assert.Equal(3, province.Total);
    }

    [Fact]
    public void In_the_shipped_catalogue_only_the_service_centre_is_left_out_and_it_decides_no_procedure()
    {
        var catalog = ReferenceCatalog.LoadEmbedded();

        var left = catalog.Agencies.Where(a => !ProvinceTotals.Counts(a)).Select(a => a.Code).ToList();

        Assert.Equal(["H49.50"], left);
        // Province-level procedures are decided by a named agency that is counted; lower levels by the receiving desk,
        // which is counted too.
        Assert.All(catalog.Procedures.Where(p => p.AgencyLevel == AgencyLevel.Province),
            p => Assert.True(catalog.FindAgency(p.AgencyCode!) is { } a && ProvinceTotals.Counts(a), p.Code));
        Assert.All(catalog.Agencies.Where(a => a.IsReceivingDesk && a.Level != AgencyLevel.Province), a => Assert.True(ProvinceTotals.Counts(a), a.Code));
    }
}
