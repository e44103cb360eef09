using System.Text.Json;

namespace DossierTracking.LoadTests.Import;

/// <summary>
/// When Vietnamese offices work, in local time: Monday to Friday and make-up Saturdays, not on the days off of the
/// holiday calendar the silo ships (<c>vn-public-holidays.json</c>, embedded in this tool), 07:00-11:30 and
/// 13:30-17:00 (the silo's default working hours). Desk and agency officers act only then, so the generated history
/// looks like a real office's. Works on local times without an offset (<see cref="DateTimeKind.Unspecified"/>).
/// </summary>
public sealed class OfficeCalendar
{
    private const string ResourceName = "vn-public-holidays.json";

    private static readonly (TimeSpan Start, TimeSpan End)[] Periods =
    [
        (new TimeSpan(7, 0, 0), new TimeSpan(11, 30, 0)),
        (new TimeSpan(13, 30, 0), new TimeSpan(17, 0, 0)),
    ];

    private readonly HashSet<DateOnly> daysOff;
    private readonly HashSet<DateOnly> makeUpDays;

    private OfficeCalendar(HashSet<DateOnly> daysOff, HashSet<DateOnly> makeUpDays)
    {
        this.daysOff = daysOff;
        this.makeUpDays = makeUpDays;
    }

    /// <summary>Minutes of office time in a working day.</summary>
    public const double MinutesPerDay = 480;

    public static OfficeCalendar Shipped { get; } = Load();

    public static IReadOnlyList<(TimeSpan Start, TimeSpan End)> OfficePeriods => Periods;

    public bool IsWorkingDay(DateOnly date) =>
        makeUpDays.Contains(date) || (date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !daysOff.Contains(date));

    /// <summary>A day off because of a holiday (Tết, National Day, ...) that would otherwise be a working day.</summary>
    public bool IsHoliday(DateOnly date) => daysOff.Contains(date);

    /// <summary>The moment itself when the office is open then, else the next opening.</summary>
    public DateTime NextOpen(DateTime local)
    {
        var day = local.Date;
        while (true)
        {
            if (IsWorkingDay(DateOnly.FromDateTime(day)))
            {
                foreach (var (start, end) in Periods)
                {
                    if (local < day + end)
                    {
                        return local > day + start ? local : day + start;
                    }
                }
            }

            day = day.AddDays(1);
            local = day;
        }
    }

    /// <summary>The moment <paramref name="minutes"/> of office time after <paramref name="local"/> (counted from the next opening).</summary>
    public DateTime AddOfficeMinutes(DateTime local, double minutes)
    {
        var at = NextOpen(local);
        var left = TimeSpan.FromMinutes(minutes);
        while (true)
        {
            var periodEnd = at.Date + Periods.First(p => at < at.Date + p.End).End;
            var available = periodEnd - at;
            if (left < available)
            {
                return at + left;
            }

            left -= available;
            at = NextOpen(periodEnd);
        }
    }

    private static OfficeCalendar Load()
    {
        using var stream = typeof(OfficeCalendar).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded holiday calendar {ResourceName} is missing from the build.");
        using var document = JsonDocument.Parse(stream);
        var off = new HashSet<DateOnly>();
        var makeUp = new HashSet<DateOnly>();
        foreach (var year in document.RootElement.GetProperty("years").EnumerateArray())
        {
            Collect(year, "daysOff", off);
            Collect(year, "makeUpWorkingDays", makeUp);
        }

        return new OfficeCalendar(off, makeUp);
    }

    private static void Collect(JsonElement year, string property, HashSet<DateOnly> into)
    {
        if (!year.TryGetProperty(property, out var list))
        {
            return;
        }

        foreach (var entry in list.EnumerateArray())
        {
            into.Add(DateOnly.Parse(entry.GetProperty("date").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
