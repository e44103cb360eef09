using System.Globalization;
using System.Net.Http.Headers;

namespace DossierTracking.LoadTests.Measurement;

/// <summary>
/// The silo's own lag histograms, read once from its Prometheus endpoint after the run: the change relay's (commit to
/// the agencies applying it) and the change stream's (commit to its tap receiving it; present with Streams:Enabled).
/// Each is summed over the whole life of the silo, so a run against a fresh silo reads its own changes only.
/// </summary>
public static class SiloLags
{
    private static readonly (string Name, string Metric)[] Lags =
    [
        ("relay (commit to agency applied)", "dvc_agency_relay_lag_seconds"),
        ("stream (commit to stream subscriber)", "dvc_stream_lag_seconds"),
    ];

    public static async Task<string> DescribeAsync(Uri metrics, string? operatorToken, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            using var request = new HttpRequestMessage(HttpMethod.Get, metrics);
            if (operatorToken is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", operatorToken);
            }

            using var response = await http.SendAsync(request, cancellationToken);
            response.EnsureSuccessStatusCode();
            text = await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return $"silo lags: {metrics} could not be read ({e.Message}).";
        }

        var lines = text.Split('\n');
        return "silo lags: " + string.Join("; ", Lags.Select(lag => Describe(lag.Name, lag.Metric, lines)));
    }

    private static string Describe(string name, string metric, string[] lines)
    {
        var count = Sum(lines, metric + "_count");
        if (count == 0)
        {
            return $"{name}: none recorded";
        }

        var mean = Sum(lines, metric + "_sum") / count;
        var buckets = lines.Where(l => l.StartsWith(metric + "_bucket{", StringComparison.Ordinal))
            .Select(l => (Bound: Bound(l), Count: Value(l)))
            .GroupBy(b => b.Bound).Select(g => (Bound: g.Key, Count: g.Sum(b => b.Count)))
            .OrderBy(b => b.Bound).ToList();
        return $"{name}: {count:0} changes, mean {mean * 1000:0} ms, p50 <= {Quantile(buckets, count, 0.5)}, p99 <= {Quantile(buckets, count, 0.99)}";
    }

    private static string Quantile(List<(double Bound, double Count)> buckets, double count, double q)
    {
        var bucket = buckets.FirstOrDefault(b => b.Count >= q * count);
        return double.IsPositiveInfinity(bucket.Bound) || bucket == default ? "+Inf" : $"{bucket.Bound * 1000:0} ms";
    }

    private static double Sum(string[] lines, string series) =>
        lines.Where(l => l.StartsWith(series, StringComparison.Ordinal) && (l.Length == series.Length || l[series.Length] is ' ' or '{')).Sum(Value);

    /// <summary>The sample's value: the first field after the series (a timestamp may follow it).</summary>
    private static double Value(string line)
    {
        var brace = line.LastIndexOf('}');
        var rest = line[((brace >= 0 ? brace : line.IndexOf(' ')) + 1)..].Trim();
        var end = rest.IndexOf(' ');
        return double.Parse(end < 0 ? rest : rest[..end], CultureInfo.InvariantCulture);
    }

    private static double Bound(string line)
    {
        var start = line.IndexOf("le=\"", StringComparison.Ordinal) + 4;
        var bound = line[start..line.IndexOf('"', start)];
        return bound == "+Inf" ? double.PositiveInfinity : double.Parse(bound, CultureInfo.InvariantCulture);
    }
}
