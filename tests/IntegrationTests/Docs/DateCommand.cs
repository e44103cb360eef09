using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace DossierTracking.IntegrationTests.Docs;

/// <summary>
/// GNU date, for what the README uses: <c>-u</c> (UTC), <c>-d '+N days'</c> and <c>+FORMAT</c> with <c>%s</c>,
/// <c>%N</c>, <c>%Y</c>, <c>%m</c>, <c>%d</c>, <c>%H</c>, <c>%M</c>, <c>%S</c>, <c>%F</c>, <c>%T</c> and <c>%%</c>.
/// </summary>
public static partial class DateCommand
{
    [GeneratedRegex(@"^\+?(\d+) days?$")]
    private static partial Regex DaysAhead();

    public static string Run(IReadOnlyList<string> args, int line)
    {
        var (now, format) = (DateTimeOffset.Now, (string?)null);
        var (utc, days) = (false, 0);
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "-u")
            {
                utc = true;
            }
            else if (args[i] == "-d" && i + 1 < args.Count && DaysAhead().Match(args[i + 1]) is { Success: true } match)
            {
                days = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
                i++;
            }
            else if (args[i].StartsWith('+'))
            {
                format = args[i][1..];
            }
            else
            {
                throw new ShellException(line, $"date {string.Join(' ', args)}: the README test supports -u, -d '+N days' and +FORMAT");
            }
        }

        if (format is null)
        {
            throw new ShellException(line, "date without +FORMAT: the README test supports only explicit formats");
        }

        now = (utc ? now.ToUniversalTime() : now).AddDays(days);
        var text = new StringBuilder();
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] != '%' || i + 1 == format.Length)
            {
                text.Append(format[i]);
                continue;
            }

            text.Append(format[++i] switch
            {
                's' => now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
                'N' => (now.Ticks % TimeSpan.TicksPerSecond * 100).ToString("D9", CultureInfo.InvariantCulture),
                'Y' => now.ToString("yyyy", CultureInfo.InvariantCulture),
                'm' => now.ToString("MM", CultureInfo.InvariantCulture),
                'd' => now.ToString("dd", CultureInfo.InvariantCulture),
                'H' => now.ToString("HH", CultureInfo.InvariantCulture),
                'M' => now.ToString("mm", CultureInfo.InvariantCulture),
                'S' => now.ToString("ss", CultureInfo.InvariantCulture),
                'F' => now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                'T' => now.ToString("HH:mm:ss", CultureInfo.InvariantCulture),
                '%' => "%",
                var other => throw new ShellException(line, $"date: %{other} is outside the formats the README test supports"),
            });
        }

        return text.ToString();
    }
}
