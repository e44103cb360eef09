using System.Collections.Frozen;

namespace DossierTracking.Domain.Calendar;

/// <summary>
/// The days off and make-up working days of one published holiday calendar, frozen: built once when a version is
/// loaded, then only read, by any number of threads. A new version is a new instance (<see cref="CalendarInForce"/>).
/// </summary>
public sealed class CalendarDays
{
    private readonly FrozenSet<DateOnly> _daysOff;
    private readonly FrozenSet<DateOnly> _makeUpWorkingDays;
    private readonly FrozenSet<int> _years;

    private CalendarDays(FrozenSet<DateOnly> daysOff, FrozenSet<DateOnly> makeUpWorkingDays, FrozenSet<int> years)
    {
        _daysOff = daysOff;
        _makeUpWorkingDays = makeUpWorkingDays;
        _years = years;
    }

    /// <summary>The days of <paramref name="data"/>, unchecked (<see cref="HolidayCalendarRules"/> checks a file first).</summary>
    public static CalendarDays From(HolidayCalendarData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return new CalendarDays(
            data.Years.SelectMany(y => y.DaysOff).Select(d => d.Date).ToFrozenSet(),
            data.Years.SelectMany(y => y.MakeUpWorkingDays).Select(d => d.Date).ToFrozenSet(),
            data.Years.Select(y => y.Year).ToFrozenSet());
    }

    /// <summary>The years the calendar lists, in order.</summary>
    public IReadOnlyList<int> Years => [.. _years.Order()];

    /// <summary>Whether the year's days off were published; outside them only weekends are days off.</summary>
    public bool CoversYear(int year) => _years.Contains(year);

    /// <summary>Monday to Friday and not an announced day off, or an announced make-up working day.</summary>
    public bool IsWorkingDay(DateOnly date) =>
        _makeUpWorkingDays.Contains(date)
        || (date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_daysOff.Contains(date));
}
