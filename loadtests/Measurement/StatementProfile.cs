using System.Globalization;
using System.Text.RegularExpressions;

namespace DossierTracking.LoadTests.Measurement;

/// <summary>
/// Where PostgreSQL's time and WAL went during a phase: pg_stat_statements read before and after, and the statements
/// that grew most, by execution time. Each line gives a statement's calls, its time and WAL per call, and its share of
/// the phase's statement time; the text is shortened to its first words. It is a profile, not a measurement of one
/// operation: every statement the silo ran in the window counts (the relay, the feed readers, the audit writer).
/// </summary>
public static partial class StatementProfile
{
    private const int QueryChars = 90;

    /// <summary>One statement's counters at a moment.</summary>
    public sealed record Counters(long Calls, double TotalMilliseconds, long WalBytes, string Query);

    /// <summary>The <paramref name="top"/> statements by execution time between two snapshots, as report lines.</summary>
    public static IReadOnlyList<string> Lines(IReadOnlyDictionary<long, Counters> before, IReadOnlyDictionary<long, Counters> after, int top)
    {
        var grown = after
            .Select(a => (a.Value, Before: before.GetValueOrDefault(a.Key)))
            .Select(p => new Counters(
                p.Value.Calls - (p.Before?.Calls ?? 0),
                p.Value.TotalMilliseconds - (p.Before?.TotalMilliseconds ?? 0),
                p.Value.WalBytes - (p.Before?.WalBytes ?? 0),
                p.Value.Query))
            .Where(c => c.Calls > 0)
            .ToList();
        var total = grown.Sum(c => c.TotalMilliseconds);
        if (total <= 0)
        {
            return [];
        }

        return
        [
            .. grown.OrderByDescending(c => c.TotalMilliseconds).Take(top).Select(c => string.Create(CultureInfo.InvariantCulture,
                $"{100 * c.TotalMilliseconds / total:N0}% of statement time: {c.Calls:N0} calls, {c.TotalMilliseconds * 1000 / c.Calls:N0} µs and {c.WalBytes / (double)c.Calls:N0} B WAL each: {Shorten(c.Query)}")),
        ];
    }

    private static string Shorten(string query)
    {
        var flat = Spaces().Replace(query, " ").Trim();
        return flat.Length <= QueryChars ? flat : flat[..QueryChars] + "…";
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
