namespace DossierTracking.LoadTests.Import;

/// <summary>
/// How many dossiers each local day of the period gets. Two exact totals, one before 2020 and one for January-October
/// 2020, are each spread over their days by weight with the largest-remainder rule, so the counts add up exactly.
/// A day's weight is the trend (a pilot in July 2016 growing as a power of the months since; flat with a slight rise
/// in 2020, the year the national portal opened and the province pushed online filing), times the kind of day (a
/// working day 1; Saturday 0.12, Sunday 0.07, a holiday on a weekday 0.05: the portal is open, the offices are not),
/// times a seeded jitter of ±15 %.
/// </summary>
public static class DailyVolumes
{
    public static readonly DateOnly FirstDay = new(2016, 7, 1);
    public static readonly DateOnly LastDay = new(2020, 10, 31);
    public static readonly DateOnly First2020Day = new(2020, 1, 1);

    /// <summary>The reference province's online dossiers of the period and of January-October 2020.</summary>
    public const int ReferenceTotal = 439_803;
    public const int Reference2020 = 203_585;

    private const double GrowthExponent = 1.7;
    private const double MonthlyRise2020 = 0.035;

    /// <summary>The dossiers of January-October 2020 among <paramref name="total"/>: the reference share, rounded.</summary>
    public static int Share2020(int total) => (int)(((long)total * Reference2020 + ReferenceTotal / 2) / ReferenceTotal);

    /// <summary>Dossiers per day, index 0 being <see cref="FirstDay"/>.</summary>
    public static int[] Plan(int total, OfficeCalendar calendar, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        var days = LastDay.DayNumber - FirstDay.DayNumber + 1;
        var split = First2020Day.DayNumber - FirstDay.DayNumber;
        var weights = new double[days];
        for (var i = 0; i < days; i++)
        {
            var date = FirstDay.AddDays(i);
            weights[i] = Trend(date) * DayKind(date, calendar) * (0.85 + 0.3 * random.NextDouble());
        }

        var counts = new int[days];
        var in2020 = Share2020(total);
        Apportion(weights.AsSpan(0, split), total - in2020, counts.AsSpan(0, split));
        Apportion(weights.AsSpan(split), in2020, counts.AsSpan(split));
        return counts;
    }

    private static double Trend(DateOnly date)
    {
        if (date < First2020Day)
        {
            var months = (date.DayNumber - FirstDay.DayNumber) / 30.44;
            return Math.Pow(months + 1, GrowthExponent);
        }

        return 1 + MonthlyRise2020 * (date.Month - 1);
    }

    private static double DayKind(DateOnly date, OfficeCalendar calendar) => date switch
    {
        _ when calendar.IsWorkingDay(date) => 1.0,
        _ when calendar.IsHoliday(date) && date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) => 0.05,
        { DayOfWeek: DayOfWeek.Saturday } => 0.12,
        _ => 0.07,
    };

    /// <summary>Hamilton's method: floors of the exact shares, then one more to the largest remainders (ties to the earlier day).</summary>
    private static void Apportion(ReadOnlySpan<double> weights, int total, Span<int> counts)
    {
        var sum = 0.0;
        foreach (var w in weights)
        {
            sum += w;
        }

        var remainders = new (double Remainder, int Index)[weights.Length];
        var given = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            var exact = total * weights[i] / sum;
            counts[i] = (int)Math.Floor(exact);
            given += counts[i];
            remainders[i] = (exact - counts[i], i);
        }

        Array.Sort(remainders, (a, b) => b.Remainder != a.Remainder ? b.Remainder.CompareTo(a.Remainder) : a.Index.CompareTo(b.Index));
        for (var k = 0; k < total - given; k++)
        {
            counts[remainders[k].Index]++;
        }
    }
}
