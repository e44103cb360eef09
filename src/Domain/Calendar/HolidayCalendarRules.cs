namespace DossierTracking.Domain.Calendar;

/// <summary>
/// What a holiday calendar must be before it is put in force (the shipped seed at start-up and every published
/// version alike): the calendar file's schema, each year listed once, each date filed under its own year and listed
/// once, a make-up working day on a weekend and never also a day off, texts of sane length. A year with no day off
/// at all is refused: every year has Tết and New Year, so an empty year is a mistake, not a calendar.
/// </summary>
public static class HolidayCalendarRules
{
    public const int Schema = 1;
    public const int FirstYear = 2000;
    public const int LastYear = 2100;
    public const int MaxReasonLength = 500;
    public const int MaxSourceLength = 4000;

    /// <summary>The first month in which next year's calendar is expected (the notices come out late in the year before).</summary>
    public const int NextYearDueMonth = 10;

    /// <summary>
    /// The year that <paramref name="days"/> lacks and deadlines need soon, on <paramref name="today"/> (a local date):
    /// the current year at any time, or from 1 October the next one; null when neither is missing.
    /// </summary>
    public static int? MissingYear(CalendarDays days, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(days);
        return !days.CoversYear(today.Year) ? today.Year
            : today.Month >= NextYearDueMonth && !days.CoversYear(today.Year + 1) ? today.Year + 1
            : null;
    }

    /// <summary>The problems of <paramref name="data"/>, each naming the year and date; empty when it may be used.</summary>
    public static IReadOnlyList<string> Problems(HolidayCalendarData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var problems = new List<string>();
        if (data.Schema != Schema)
        {
            problems.Add($"schema is {data.Schema}; this service reads schema {Schema}");
        }

        if (data.Years.Count == 0)
        {
            problems.Add("years is empty");
        }

        var years = new HashSet<int>();
        foreach (var year in data.Years)
        {
            if (year is null)
            {
                problems.Add("years holds a null entry");
                continue;
            }

            var where = $"year {year.Year}";
            if (year.Year is < FirstYear or > LastYear)
            {
                problems.Add($"{where}: must be {FirstYear}-{LastYear}");
            }

            if (!years.Add(year.Year))
            {
                problems.Add($"{where} appears twice");
            }

            if (string.IsNullOrWhiteSpace(year.Source) || year.Source.Length > MaxSourceLength)
            {
                problems.Add($"{where}: source (the notice the days come from) must be 1-{MaxSourceLength} characters");
            }

            if (year.DaysOff.Count == 0)
            {
                problems.Add($"{where}: daysOff is empty");
            }

            var daysOff = new HashSet<DateOnly>();
            foreach (var day in year.DaysOff)
            {
                problems.AddRange(DateProblems(where, "daysOff", year.Year, day, daysOff));
            }

            var workedDays = new HashSet<DateOnly>();
            foreach (var day in year.MakeUpWorkingDays)
            {
                problems.AddRange(DateProblems(where, "makeUpWorkingDays", year.Year, day, workedDays));
                if (day is null)
                {
                    continue;
                }

                if (day.Date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
                {
                    problems.Add($"{where}: make-up working day {day.Date:yyyy-MM-dd} is a {day.Date.DayOfWeek}, not a weekend day");
                }

                if (daysOff.Contains(day.Date))
                {
                    problems.Add($"{where}: {day.Date:yyyy-MM-dd} is both a day off and a make-up working day");
                }
            }
        }

        return problems;
    }

    private static IEnumerable<string> DateProblems(string where, string list, int year, HolidayCalendarData.DatedReason? day, HashSet<DateOnly> seen)
    {
        if (day is null)
        {
            yield return $"{where}: {list} holds a null entry";
            yield break;
        }

        if (day.Date.Year != year)
        {
            yield return $"{where}: {list} date {day.Date:yyyy-MM-dd} belongs to another year (each date is filed under its own year)";
        }

        if (!seen.Add(day.Date))
        {
            yield return $"{where}: {list} date {day.Date:yyyy-MM-dd} appears twice";
        }

        if (string.IsNullOrWhiteSpace(day.Reason) || day.Reason.Length > MaxReasonLength)
        {
            yield return $"{where}: {list} date {day.Date:yyyy-MM-dd} needs a reason of 1-{MaxReasonLength} characters";
        }
    }
}
