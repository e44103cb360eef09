namespace DossierTracking.Domain.Calendar;

/// <summary>
/// Working days and working hours for civil servants in Viet Nam (UTC+07:00, no daylight saving).
/// A day is a working day when it is Monday to Friday and not an announced day off, or when it is an announced
/// make-up working day. The deadline clock runs only inside the working periods of working days.
/// Years outside the holiday data fall back to weekends only (<see cref="CoversYear"/> tells which).
/// </summary>
public sealed class WorkingCalendar
{
    /// <summary>Viet Nam local time.</summary>
    public static readonly TimeSpan LocalOffset = TimeSpan.FromHours(7);

    private readonly HashSet<DateOnly> _daysOff = [];
    private readonly HashSet<DateOnly> _makeUpWorkingDays = [];
    private readonly HashSet<int> _years = [];

    public WorkingCalendar(HolidayCalendarData data, WorkingHours hours)
    {
        ArgumentNullException.ThrowIfNull(data);
        Hours = hours ?? throw new ArgumentNullException(nameof(hours));
        foreach (var year in data.Years)
        {
            _years.Add(year.Year);
            foreach (var day in year.DaysOff)
            {
                _daysOff.Add(day.Date);
            }

            foreach (var day in year.MakeUpWorkingDays)
            {
                _makeUpWorkingDays.Add(day.Date);
            }
        }
    }

    public WorkingHours Hours { get; }

    /// <summary>The calendar with the embedded holiday data and the standard working hours.</summary>
    public static WorkingCalendar Standard { get; } = new(HolidayCalendarData.LoadEmbedded(), WorkingHours.Standard);

    public bool CoversYear(int year) => _years.Contains(year);

    public static DateTimeOffset ToLocal(DateTimeOffset moment) => moment.ToOffset(LocalOffset);

    public static DateOnly LocalDate(DateTimeOffset moment) => DateOnly.FromDateTime(ToLocal(moment).DateTime);

    public bool IsWorkingDay(DateOnly date)
    {
        if (_makeUpWorkingDays.Contains(date))
        {
            return true;
        }

        return date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_daysOff.Contains(date);
    }

    /// <summary>The first working day strictly after <paramref name="date"/>.</summary>
    public DateOnly NextWorkingDay(DateOnly date)
    {
        var next = date.AddDays(1);
        while (!IsWorkingDay(next))
        {
            next = next.AddDays(1);
        }

        return next;
    }

    /// <summary>The last working day strictly before <paramref name="date"/>.</summary>
    public DateOnly PreviousWorkingDay(DateOnly date)
    {
        var previous = date.AddDays(-1);
        while (!IsWorkingDay(previous))
        {
            previous = previous.AddDays(-1);
        }

        return previous;
    }

    /// <summary>True when the clock runs at this moment.</summary>
    public bool IsWorkingMoment(DateTimeOffset moment)
    {
        var local = ToLocal(moment);
        var date = DateOnly.FromDateTime(local.DateTime);
        if (!IsWorkingDay(date))
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
    public DateTimeOffset NextWorkingMoment(DateTimeOffset moment)
    {
        var local = ToLocal(moment);
        var date = DateOnly.FromDateTime(local.DateTime);
        if (IsWorkingDay(date))
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

        return At(NextWorkingDay(date), Hours.Opening);
    }

    /// <summary>
    /// The due moment for a limit of <paramref name="days"/> working days: the same clock time that many working days
    /// after the clock starts (received Friday 15:00 with 3 working days: Wednesday 15:00). Zero days: the closing
    /// time of the day the clock starts.
    /// </summary>
    public DateTimeOffset AddWorkingDays(DateTimeOffset start, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var begin = NextWorkingMoment(start);
        var date = DateOnly.FromDateTime(begin.DateTime);
        if (days == 0)
        {
            return At(date, Hours.Closing);
        }

        for (var i = 0; i < days; i++)
        {
            date = NextWorkingDay(date);
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
        var begin = NextWorkingMoment(start);
        var date = DateOnly.FromDateTime(begin.DateTime).AddDays(days);
        if (!IsWorkingDay(date))
        {
            date = NextWorkingDay(date);
        }

        return At(date, TimeOnly.FromDateTime(begin.DateTime));
    }

    /// <summary>The same clock time <paramref name="days"/> working days earlier (used for the apology warning).</summary>
    public DateTimeOffset SubtractWorkingDays(DateTimeOffset moment, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var local = ToLocal(moment);
        var date = DateOnly.FromDateTime(local.DateTime);
        for (var i = 0; i < days; i++)
        {
            date = PreviousWorkingDay(date);
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

        var total = TimeSpan.Zero;
        var fromLocal = ToLocal(from);
        var toLocal = ToLocal(to);
        for (var date = DateOnly.FromDateTime(fromLocal.DateTime); date <= DateOnly.FromDateTime(toLocal.DateTime); date = date.AddDays(1))
        {
            if (!IsWorkingDay(date))
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

        var cursor = NextWorkingMoment(from);

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
            cursor = NextWorkingMoment(periodEnd);
        }
    }

    private static DateTimeOffset At(DateOnly date, TimeOnly time) =>
        new(date.ToDateTime(time), LocalOffset);
}
