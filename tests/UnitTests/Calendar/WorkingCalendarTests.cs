using DossierTracking.Domain.Calendar;
using static DossierTracking.UnitTests.TestData;

namespace DossierTracking.UnitTests.Calendar;

public sealed class WorkingCalendarTests
{
    private static readonly WorkingCalendar Cal = WorkingCalendar.Standard;

    [Fact]
    public void Friday_afternoon_plus_three_working_days_is_Wednesday_same_time()
    {
        Assert.Equal(Local(2020, 10, 21, 15, 0), Cal.AddWorkingDays(Local(2020, 10, 16, 15, 0), 3));
    }

    [Theory]
    [InlineData(6, 30, 7, 0)]    // before opening: the clock starts at opening
    [InlineData(7, 0, 7, 0)]
    [InlineData(11, 29, 11, 29)]
    [InlineData(11, 30, 13, 30)] // lunch break: the clock starts after lunch
    [InlineData(12, 15, 13, 30)]
    [InlineData(16, 59, 16, 59)]
    public void Clock_starts_at_the_next_working_moment_on_a_working_day(int hour, int minute, int startHour, int startMinute)
    {
        Assert.Equal(Local(2020, 10, 19, startHour, startMinute), Cal.NextWorkingMoment(Local(2020, 10, 19, hour, minute)));
    }

    [Fact]
    public void After_closing_on_Friday_the_clock_starts_Monday_at_opening()
    {
        Assert.Equal(Local(2020, 10, 19, 7, 0), Cal.NextWorkingMoment(Local(2020, 10, 16, 17, 0)));
        Assert.Equal(Local(2020, 10, 20, 7, 0), Cal.AddWorkingDays(Local(2020, 10, 16, 17, 30), 1));
    }

    [Fact]
    public void Received_on_a_Saturday_counts_from_Monday_opening()
    {
        Assert.Equal(Local(2020, 10, 22, 7, 0), Cal.AddWorkingDays(Local(2020, 10, 17, 10, 0), 3));
    }

    [Fact]
    public void Tet_2020_break_is_skipped()
    {
        // Tết Canh Tý: civil servants off Thursday 23/1 to Wednesday 29/1/2020.
        foreach (var day in Enumerable.Range(23, 7))
        {
            Assert.False(Cal.IsWorkingDay(new DateOnly(2020, 1, day)), $"2020-01-{day} should be off");
        }

        Assert.True(Cal.IsWorkingDay(new DateOnly(2020, 1, 30)));
        Assert.Equal(Local(2020, 2, 3, 15, 0), Cal.AddWorkingDays(Local(2020, 1, 22, 15, 0), 3));
    }

    [Fact]
    public void Received_during_Tet_2021_starts_after_the_break()
    {
        // Tết Tân Sửu: off Wednesday 10/2 to Tuesday 16/2/2021.
        Assert.Equal(Local(2021, 2, 17, 7, 0), Cal.NextWorkingMoment(Local(2021, 2, 10, 9, 0)));
        Assert.Equal(Local(2021, 2, 18, 7, 0), Cal.AddWorkingDays(Local(2021, 2, 10, 9, 0), 1));
    }

    [Fact]
    public void Make_up_working_Saturday_counts_as_a_working_day()
    {
        // 2025: Friday 2/5 swapped with Saturday 26/4, a working day.
        Assert.True(Cal.IsWorkingDay(new DateOnly(2025, 4, 26)));
        Assert.False(Cal.IsWorkingDay(new DateOnly(2025, 5, 2)));
        Assert.Equal(Local(2025, 4, 26, 15, 0), Cal.AddWorkingDays(Local(2025, 4, 25, 15, 0), 1));
        Assert.Equal(Local(2025, 5, 5, 15, 0), Cal.AddWorkingDays(Local(2025, 4, 29, 15, 0), 1));
    }

    [Fact]
    public void Hung_Kings_day_and_national_day_are_off()
    {
        Assert.False(Cal.IsWorkingDay(new DateOnly(2020, 4, 2)));  // Giỗ Tổ 10/3 âm lịch
        Assert.False(Cal.IsWorkingDay(new DateOnly(2021, 9, 3)));  // Quốc khánh, day added from 2021
        Assert.False(Cal.IsWorkingDay(new DateOnly(2020, 9, 2)));
        Assert.True(Cal.IsWorkingDay(new DateOnly(2020, 9, 3)));
    }

    [Fact]
    public void Every_year_from_2016_to_2027_has_its_fixed_holidays_and_a_Tet_break()
    {
        for (var year = 2016; year <= 2027; year++)
        {
            Assert.True(Cal.CoversYear(year), $"{year} missing from the holiday data");
            foreach (var (month, day) in new[] { (1, 1), (4, 30), (5, 1), (9, 2) })
            {
                Assert.False(Cal.IsWorkingDay(new DateOnly(year, month, day)), $"{year}-{month:00}-{day:00} should be a day off");
            }

            var tetWeekdaysOff = Enumerable.Range(0, 59)
                .Select(i => new DateOnly(year, 1, 15).AddDays(i))
                .Count(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !Cal.IsWorkingDay(d));
            Assert.True(tetWeekdaysOff >= 4, $"{year}: only {tetWeekdaysOff} weekdays off around Tết");
        }
    }

    [Fact]
    public void Calendar_day_limit_landing_on_a_weekend_moves_to_the_next_working_day()
    {
        // Monday 19/10/2020 09:00 + 5 calendar days = Saturday 24/10 -> Monday 26/10, same time.
        Assert.Equal(Local(2020, 10, 26, 9, 0), Cal.AddCalendarDays(Local(2020, 10, 19, 9, 0), 5));
        Assert.Equal(Local(2020, 10, 23, 9, 0), Cal.AddCalendarDays(Local(2020, 10, 19, 9, 0), 4));
    }

    [Fact]
    public void Zero_working_days_is_due_at_closing_the_same_day()
    {
        Assert.Equal(Local(2020, 10, 19, 17, 0), Cal.AddWorkingDays(Local(2020, 10, 19, 9, 0), 0));
    }

    [Fact]
    public void Working_time_between_counts_only_working_hours()
    {
        Assert.Equal(TimeSpan.FromHours(2), Cal.WorkingTimeBetween(Local(2020, 10, 16, 16, 0), Local(2020, 10, 19, 8, 0)));
        Assert.Equal(TimeSpan.FromMinutes(60), Cal.WorkingTimeBetween(Local(2020, 10, 19, 11, 0), Local(2020, 10, 19, 14, 0)));
        Assert.Equal(TimeSpan.FromHours(8), Cal.WorkingTimeBetween(Local(2020, 10, 19, 0, 0), Local(2020, 10, 20, 0, 0)));
        Assert.Equal(TimeSpan.Zero, Cal.WorkingTimeBetween(Local(2020, 10, 19, 14, 0), Local(2020, 10, 19, 10, 0)));
    }

    [Fact]
    public void Adding_working_time_crosses_lunch_nights_and_weekends()
    {
        Assert.Equal(Local(2020, 10, 19, 14, 0), Cal.AddWorkingTime(Local(2020, 10, 19, 11, 0), TimeSpan.FromHours(1)));
        Assert.Equal(Local(2020, 10, 19, 8, 0), Cal.AddWorkingTime(Local(2020, 10, 16, 16, 0), TimeSpan.FromHours(2)));
        Assert.Equal(Local(2020, 10, 20, 15, 0), Cal.AddWorkingTime(Local(2020, 10, 19, 15, 0), TimeSpan.FromHours(8)));
    }

    [Fact]
    public void Subtracting_a_working_day_skips_the_weekend()
    {
        Assert.Equal(Local(2020, 10, 16, 10, 0), Cal.SubtractWorkingDays(Local(2020, 10, 19, 10, 0), 1));
    }

    [Theory]
    [InlineData("")]
    [InlineData("7-11")]
    [InlineData("11:30-07:00")]
    [InlineData("07:00-11:30,11:00-17:00")]
    [InlineData("07:00-25:00")]
    public void Malformed_working_hours_are_refused(string text)
    {
        Assert.Throws<FormatException>(() => WorkingHours.Parse(text));
    }

    [Fact]
    public void Standard_working_hours_are_eight_hours_a_day()
    {
        Assert.Equal(TimeSpan.FromHours(8), WorkingHours.Standard.PerDay);
        Assert.Equal("07:00-11:30,13:30-17:00", WorkingHours.Standard.ToString());
    }
}
