using System.Globalization;
using System.Text.RegularExpressions;

namespace DossierTracking.Contracts.Dossiers;

/// <summary>
/// The receipt code <c>{unitCode}-{yyMMdd}-{seq}</c>: the receiving unit, the local date of issue and a sequence
/// per unit per day, at least four digits (<c>H49.22-201021-0001</c>). It is the citizen's key for lookup and the
/// dossier grain's key; the '-' separators also keep it from ever parsing as a hexadecimal grain key.
/// </summary>
public static partial class ReceiptCode
{
    public const int MaxLength = 64;

    /// <summary>A unit code: dot-separated groups of upper-case letters and digits (<c>H49.22</c>, <c>000.00.22.H49</c>).</summary>
    [GeneratedRegex(@"^[0-9A-Z]{1,16}(\.[0-9A-Z]{1,16}){0,5}\z", RegexOptions.CultureInvariant)]
    public static partial Regex UnitCodePattern();

    [GeneratedRegex(@"^(?<unit>[0-9A-Z]{1,16}(\.[0-9A-Z]{1,16}){0,5})-(?<date>\d{6})-(?<seq>\d{4,9})\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static string Format(string unitCode, DateOnly localDate, long sequence)
    {
        if (!UnitCodePattern().IsMatch(unitCode))
        {
            throw new ArgumentException($"'{unitCode}' is not a unit code.", nameof(unitCode));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sequence, 999_999_999);
        return string.Create(CultureInfo.InvariantCulture, $"{unitCode}-{localDate:yyMMdd}-{sequence:D4}");
    }

    /// <summary>Parses a code; false for anything not of the form, including impossible dates.</summary>
    public static bool TryParse(string? text, out string unitCode, out DateOnly date, out long sequence)
    {
        unitCode = "";
        date = default;
        sequence = 0;
        if (text is null || text.Length > MaxLength)
        {
            return false;
        }

        var match = Pattern().Match(text);
        if (!match.Success
            || !DateOnly.TryParseExact(match.Groups["date"].Value, "yyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date)
            || !long.TryParse(match.Groups["seq"].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out sequence)
            || sequence < 1)
        {
            return false;
        }

        unitCode = match.Groups["unit"].Value;
        return true;
    }

    public static bool IsValid(string? text) => TryParse(text, out _, out _, out _);
}
