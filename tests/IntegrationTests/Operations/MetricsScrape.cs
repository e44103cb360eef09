using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using DossierTracking.GrpcApi.Security;
using DossierTracking.IntegrationTests.Infrastructure;

namespace DossierTracking.IntegrationTests.Operations;

/// <summary>One scrape of a host's <c>/metrics</c> (Prometheus text format), read as series and values.</summary>
public sealed class MetricsScrape
{
    private readonly List<(string Name, string Labels, double Value)> _series;

    private MetricsScrape(string text)
    {
        Text = text;
        _series = [];
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (line.StartsWith('#'))
            {
                continue;
            }

            // name{labels} value [timestamp]; label values here hold no spaces.
            var brace = line.IndexOf('{');
            var space = line.IndexOf(' ', brace < 0 ? 0 : line.IndexOf('}'));
            var name = brace < 0 ? line[..space] : line[..brace];
            var labels = brace < 0 ? "" : line[(brace + 1)..line.IndexOf('}')];
            var value = line[(space + 1)..].Split(' ')[0];
            _series.Add((name, labels, double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture)));
        }
    }

    public string Text { get; }

    /// <summary>The sum of a metric's series whose labels include every one given (<c>channel="online"</c>).</summary>
    public double Sum(string name, params string[] labels) =>
        _series.Where(s => s.Name == name && labels.All(l => s.Labels.Split(',').Contains(l))).Sum(s => s.Value);

    public bool Has(string name, params string[] labels) =>
        _series.Any(s => s.Name == name && labels.All(l => s.Labels.Split(',').Contains(l)));

    public bool HasPrefix(string prefix) => _series.Any(s => s.Name.StartsWith(prefix, StringComparison.Ordinal));

    public static async Task<HttpResponseMessage> GetAsync(TestHost host, string? token)
    {
        using var http = new HttpClient();
        var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{host.HttpPort}/metrics");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await http.SendAsync(request);
    }

    /// <summary>Scrapes as an operator.</summary>
    public static async Task<MetricsScrape> TakeAsync(TestHost host)
    {
        using var response = await GetAsync(host, TestTokens.For(Roles.Operator, "prometheus"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new MetricsScrape(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Scrapes until <paramref name="done"/> holds; generous bound, it only catches a value that never comes.</summary>
    public static Task<MetricsScrape> UntilAsync(TestHost host, Func<MetricsScrape, bool> done) => UntilAsync(host, () => Task.CompletedTask, done);

    /// <summary>Does <paramref name="first"/> and scrapes, until <paramref name="done"/> holds (at most 30 s).</summary>
    public static async Task<MetricsScrape> UntilAsync(TestHost host, Func<Task> first, Func<MetricsScrape, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await first();
            var scrape = await TakeAsync(host);
            if (done(scrape) || DateTime.UtcNow > deadline)
            {
                return scrape;
            }

            await Task.Delay(250);
        }
    }
}
