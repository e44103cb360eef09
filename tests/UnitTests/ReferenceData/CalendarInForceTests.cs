using DossierTracking.Contracts.ReferenceData;
using DossierTracking.Domain.Calendar;
using DossierTracking.Domain.Catalog;
using DossierTracking.Domain.ReferenceData;
using static DossierTracking.UnitTests.ReferenceData.ReferenceDataJson;


namespace DossierTracking.UnitTests.ReferenceData;

/// <summary>The silo's calendar and catalogue follow the version in force; a calendar built from data stays as it was.</summary>
public sealed class CalendarInForceTests
{
    private static readonly string With2028 = CalendarWith(Year(2028, [new(2028, 1, 1), new(2028, 1, 3)]));

    [Fact]
    public void A_due_date_computed_after_a_new_calendar_is_in_force_skips_its_days_off()
    {
        var inForce = new CalendarInForce(CalendarDays.From(HolidayCalendarData.LoadEmbedded()));
        var calendar = new WorkingCalendar(inForce, WorkingHours.Standard);
        var received = TestData.Local(2027, 12, 27, 8, 0);

        // Without 2028 only weekends are off: Mon 27 Dec + 5 working days is Mon 3 Jan.
        Assert.Equal(TestData.Local(2028, 1, 3, 8, 0), calendar.AddWorkingDays(received, 5));
        Assert.False(calendar.CoversYear(2028));

        inForce.Replace(ReferenceDataRules.Check(ReferenceDataKind.Calendar, With2028).Calendar!);

        Assert.Equal(TestData.Local(2028, 1, 4, 8, 0), calendar.AddWorkingDays(received, 5));
        Assert.True(calendar.CoversYear(2028));
        Assert.Equal(TimeSpan.FromHours(8), calendar.WorkingTimeBetween(TestData.Local(2027, 12, 31, 17, 0), TestData.Local(2028, 1, 4, 17, 0)));
    }

    [Fact]
    public void A_calendar_built_from_data_is_fixed()
    {
        var standard = WorkingCalendar.Standard;

        Assert.False(standard.CoversYear(2028));
        Assert.Equal(TestData.Local(2028, 1, 3, 8, 0), standard.AddWorkingDays(TestData.Local(2027, 12, 27, 8, 0), 5));
    }

    [Fact]
    public void Next_year_is_missing_from_1_October_and_the_current_year_at_any_time()
    {
        var shipped = CalendarDays.From(HolidayCalendarData.LoadEmbedded());
        var with2028 = ReferenceDataRules.Check(ReferenceDataKind.Calendar, With2028).Calendar!;

        Assert.Null(HolidayCalendarRules.MissingYear(shipped, new DateOnly(2027, 9, 30)));
        Assert.Equal(2028, HolidayCalendarRules.MissingYear(shipped, new DateOnly(2027, 10, 1)));
        Assert.Equal(2028, HolidayCalendarRules.MissingYear(shipped, new DateOnly(2028, 3, 1)));
        Assert.Null(HolidayCalendarRules.MissingYear(with2028, new DateOnly(2027, 12, 31)));
        Assert.Equal(2029, HolidayCalendarRules.MissingYear(with2028, new DateOnly(2028, 10, 1)));
    }

    [Fact]
    public void The_catalogue_in_force_answers_from_the_version_swapped_in()
    {
        var inForce = new CatalogInForce(ReferenceCatalog.LoadEmbedded());
        var catalog = CatalogJson();
        catalog["version"] = "2027.01-1";
        var procedure = catalog["procedures"]!.AsArray().First(p => (string?)p!["code"] == "1.003205")!;
        procedure["limit"]!["value"] = 25;
        var next = ReferenceDataRules.Check(ReferenceDataKind.Catalog, catalog.ToJsonString()).Catalog!;

        Assert.Equal(20, inForce.FindProcedure("1.003205")!.Limit.Value);
        inForce.Replace(next);

        Assert.Equal("2027.01-1", inForce.Version);
        Assert.Equal(25, inForce.FindProcedure("1.003205")!.Limit.Value);
    }
}
