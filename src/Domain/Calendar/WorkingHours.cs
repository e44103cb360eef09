using System.Globalization;

namespace DossierTracking.Domain.Calendar;

/// <summary>
/// The daily working periods during which the deadline clock runs, in Viet Nam local time.
/// Parsed from a setting such as <c>07:00-11:30,13:30-17:00</c> (the default, 8 hours a day).
/// </summary>
public sealed class WorkingHours
{
    public const string Default = "07:00-11:30,13:30-17:00";

    private WorkingHours(IReadOnlyList<(TimeOnly Start, TimeOnly End)> periods)
    {
        Periods = periods;
    }

    /// <summary>Non-overlapping periods in order; each is [Start, End).</summary>
    public IReadOnlyList<(TimeOnly Start, TimeOnly End)> Periods { get; }

    public TimeOnly Opening => Periods[0].Start;

    public TimeOnly Closing => Periods[^1].End;

    public TimeSpan PerDay => TimeSpan.FromTicks(Periods.Sum(p => (p.End - p.Start).Ticks));

    public static WorkingHours Standard { get; } = Parse(Default);

    /// <summary>Parses <c>HH:mm-HH:mm[,HH:mm-HH:mm...]</c>; throws <see cref="FormatException"/> with the reason.</summary>
    public static WorkingHours Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var periods = new List<(TimeOnly, TimeOnly)>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var bounds = part.Split('-', StringSplitOptions.TrimEntries);
            if (bounds.Length != 2
                || !TimeOnly.TryParseExact(bounds[0], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
                || !TimeOnly.TryParseExact(bounds[1], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var end))
            {
                throw new FormatException($"'{part}' is not a working period of the form HH:mm-HH:mm.");
            }

            if (end <= start)
            {
                throw new FormatException($"The working period '{part}' ends before it starts.");
            }

            if (periods.Count > 0 && start < periods[^1].Item2)
            {
                throw new FormatException($"The working period '{part}' overlaps or precedes the one before it.");
            }

            periods.Add((start, end));
        }

        if (periods.Count == 0)
        {
            throw new FormatException("At least one working period is needed.");
        }

        return new WorkingHours(periods);
    }

    public override string ToString() => string.Join(",", Periods.Select(p => $"{p.Start:HH\\:mm}-{p.End:HH\\:mm}"));
}
