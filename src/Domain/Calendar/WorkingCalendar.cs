namespace DossierTracking.Domain.Calendar;

/// <summary>
/// Working days and working hours for civil servants in Viet Nam (UTC+07:00, no daylight saving).
/// A day is a working day when it is Monday to Friday and not an announced day off, or when it is an announced
/// make-up working day. The deadline clock runs only inside the working periods of working days.
/// Years outside the holiday data fall back to weekends only (<see cref="CoversYear"/> tells which).
/// The days come from a <see cref="CalendarInForce"/>: fixed for a calendar built from data, the version in force for
/// the silo's calendar. Each computation reads the days once, so a version published meanwhile never splits it.
/// </summary>
public sealed class WorkingCalendar
{
    /// <summary>Viet Nam local time.</summary>
    public static readonly TimeSpan LocalOffset = TimeSpan.FromHours(7);

    private readonly CalendarInForce _days;

    /// <summary>A calendar fixed to <paramref name="data"/> (tests, tools).</summary>
    public WorkingCalendar(HolidayCalendarData data, WorkingHours hours)
        : this(new CalendarInForce(CalendarDays.From(data)), hours)
    {
    }

    /// <summary>A calendar that follows the version in force in <paramref name="days"/>.</summary>
    public WorkingCalendar(CalendarInForce days, WorkingHours hours)
    {
        _days = days ?? throw new ArgumentNullException(nameof(days));
        Hours = hours ?? throw new ArgumentNullException(nameof(hours));
    }

    public WorkingHours Hours { get; }

    /// <summary>The calendar with the embedded holiday data and the standard working hours.</summary>
    public static WorkingCalendar Standard { get; } = new(HolidayCalendarData.LoadEmbedded(), WorkingHours.Standard);

    /// <summary>The days in force now (one version of the holiday calendar).</summary>
    public CalendarDays Days => _days.Current;

    public bool CoversYear(int year) => _days.Current.CoversYear(year);

    public static DateTimeOffset ToLocal(DateTimeOffset moment) => moment.ToOffset(LocalOffset);

    public static DateOnly LocalDate(DateTimeOffset moment) => DateOnly.FromDateTime(ToLocal(moment).DateTime);

    public bool IsWorkingDay(DateOnly date) => _days.Current.IsWorkingDay(date);

    /// <summary>The first working day strictly after <paramref name="date"/>.</summary>
    public DateOnly NextWorkingDay(DateOnly date) => NextWorkingDay(_days.Current, date);

    /// <summary>The last working day strictly before <paramref name="date"/>.</summary>
    public DateOnly PreviousWorkingDay(DateOnly date) => PreviousWorkingDay(_days.Current, date);

    /// <summary>True when the clock runs at this moment.</summary>
    public bool IsWorkingMoment(DateTimeOffset moment)
    {
        var local = ToLocal(moment);
        var date = DateOnly.FromDateTime(local.DateTime);
        if (!_days.Current.IsWorkingDay(date))
        {
            return false;
        }

        var time = TimeOnly.FromDateTime(local.DateTime);
        return Hours.Periods.Any(p => time >= p.Start && time < p.End);
    }

    /// <summary>
    /// The moment the clock starts for something that happens at <paramref name="moment"/>: the moment itself inside
    /// working hours; the opening before hours; the next period in a break; the next working day's opening after
    /// closing or on a day off.
    /// </summary>
    public DateTimeOffset NextWorkingMoment(DateTimeOffset moment) => NextWorkingMoment(_days.Current, moment);

    /// <summary>
    /// The due moment for a limit of <paramref name="days"/> working days: the same clock time that many working days
    /// after the clock starts (received Friday 15:00 with 3 working days: Wednesday 15:00). Zero days: the closing
    /// time of the day the clock starts.
    /// </summary>
    public DateTimeOffset AddWorkingDays(DateTimeOffset start, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var calendar = _days.Current;
        var begin = NextWorkingMoment(calendar, start);
        var date = DateOnly.FromDateTime(begin.DateTime);
        if (days == 0)
        {
            return At(date, Hours.Closing);
        }

        for (var i = 0; i < days; i++)
        {
            date = NextWorkingDay(calendar, date);
        }

        return At(date, TimeOnly.FromDateTime(begin.DateTime));
    }

    /// <summary>
    /// The due moment for a limit in calendar days: that many days after the clock starts, moved to the next working
    /// day (same clock time) when it lands on a day off.
    /// </summary>
    public DateTimeOffset AddCalendarDays(DateTimeOffset start, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var calendar = _days.Current;
        var begin = NextWorkingMoment(calendar, start);
        var date = DateOnly.FromDateTime(begin.DateTime).AddDays(days);
        if (!calendar.IsWorkingDay(date))
        {
            date = NextWorkingDay(calendar, date);
        }

        return At(date, TimeOnly.FromDateTime(begin.DateTime));
    }

    /// <summary>The same clock time <paramref name="days"/> working days earlier (used for the apology warning).</summary>
    public DateTimeOffset SubtractWorkingDays(DateTimeOffset moment, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var calendar = _days.Current;
        var local = ToLocal(moment);
        var date = DateOnly.FromDateTime(local.DateTime);
        for (var i = 0; i < days; i++)
        {
            date = PreviousWorkingDay(calendar, date);
        }

        return At(date, TimeOnly.FromDateTime(local.DateTime));
    }

    /// <summary>The working time between two moments (zero when <paramref name="to"/> is not after <paramref name="from"/>).</summary>
    public TimeSpan WorkingTimeBetween(DateTimeOffset from, DateTimeOffset to)
    {
        if (to <= from)
        {
            return TimeSpan.Zero;
        }

        var calendar = _days.Current;
        var total = TimeSpan.Zero;
        var fromLocal = ToLocal(from);
        var toLocal = ToLocal(to);
        for (var date = DateOnly.FromDateTime(fromLocal.DateTime); date <= DateOnly.FromDateTime(toLocal.DateTime); date = date.AddDays(1))
        {
            if (!calendar.IsWorkingDay(date))
            {
                continue;
            }

            foreach (var (start, end) in Hours.Periods)
            {
                var periodStart = At(date, start);
                var periodEnd = At(date, end);
                var overlapStart = periodStart > fromLocal ? periodStart : fromLocal;
                var overlapEnd = periodEnd < toLocal ? periodEnd : toLocal;
                if (overlapEnd > overlapStart)
                {
                    total += overlapEnd - overlapStart;
                }
            }
        }

        return total;
    }

    /// <summary>The moment reached by letting the clock run for <paramref name="amount"/> of working time from <paramref name="from"/>.</summary>
    public DateTimeOffset AddWorkingTime(DateTimeOffset from, TimeSpan amount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(amount, TimeSpan.Zero);
        if (amount == TimeSpan.Zero)
        {
            return ToLocal(from);
        }

        var calendar = _days.Current;
        var cursor = NextWorkingMoment(calendar, from);

        while (true)
        {
            var date = DateOnly.FromDateTime(cursor.DateTime);
            var time = TimeOnly.FromDateTime(cursor.DateTime);
            var period = Hours.Periods.First(p => time >= p.Start && time < p.End);
            var periodEnd = At(date, period.End);
            var available = periodEnd - cursor;
            if (amount <= available)
            {
                return cursor + amount;
            }

            amount -= available;
            cursor = NextWorkingMoment(calendar, periodEnd);
        }
    }

    private DateTimeOffset NextWorkingMoment(CalendarDays calendar, DateTimeOffset moment)
    {
        var local = ToLocal(moment);
        var date = DateOnly.FromDateTime(local.DateTime);
        if (calendar.IsWorkingDay(date))
        {
            var time = TimeOnly.FromDateTime(local.DateTime);
            foreach (var (start, end) in Hours.Periods)
            {
                if (time < start)
                {
                    return At(date, start);
                }

                if (time < end)
                {
                    return local;
                }
            }
        }

        return At(NextWorkingDay(calendar, date), Hours.Opening);
    }

    private static DateOnly NextWorkingDay(CalendarDays calendar, DateOnly date)
    {
        var next = date.AddDays(1);
        while (!calendar.IsWorkingDay(next))
        {
            next = next.AddDays(1);
        }

        return next;
    }

    private static DateOnly PreviousWorkingDay(CalendarDays calendar, DateOnly date)
    {
        var previous = date.AddDays(-1);
        while (!calendar.IsWorkingDay(previous))
        {
            previous = previous.AddDays(-1);
        }

        return previous;
    }

    private static DateTimeOffset At(DateOnly date, TimeOnly time) =>
        new(date.ToDateTime(time), LocalOffset);
}
