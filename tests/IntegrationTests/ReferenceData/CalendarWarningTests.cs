using System.Collections.Concurrent;
using DossierTracking.GrpcApi.V1;
using DossierTracking.IntegrationTests.Infrastructure;
using DossierTracking.IntegrationTests.Operations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using static DossierTracking.IntegrationTests.Infrastructure.Requests;
using static DossierTracking.IntegrationTests.ReferenceData.ReferenceDataSupport;

namespace DossierTracking.IntegrationTests.ReferenceData;

/// <summary>
/// From 1 October, a calendar without next year's days off is a warning in the log and a gauge, until the year is
/// published. In the telemetry collection: another test's host alive at the same time would report its own gauge.
/// </summary>
[Collection(TelemetryCollection.Name)]
public sealed class CalendarWarningTests
{
    private const string Gauge = "dvc_calendar_next_year_missing";
    private const string Warning = "has no days off for 2028";

    [Fact]
    public async Task From_1_October_a_missing_next_year_is_logged_and_counted_until_it_is_published()
    {
        var clock = new FakeTimeProvider(Local(2027, 9, 30, 12, 0));
        var lines = new ConcurrentQueue<string>();
        await using var host = await TestHost.StartAsync(clock: clock, settings: new Dictionary<string, string?> { ["ReferenceData:PollInterval"] = "00:00:00.200" },
            logging: l => l.AddProvider(new LineCapture(lines)));

        var september = await MetricsScrape.UntilAsync(host, s => s.Has(Gauge));
        Assert.Equal(0, september.Sum(Gauge));
        Assert.DoesNotContain(lines, l => l.Contains(Warning, StringComparison.Ordinal));

        clock.SetUtcNow(Local(2027, 10, 1, 7, 0));
        var october = await MetricsScrape.UntilAsync(host, s => s.Sum(Gauge) == 1);
        Assert.Equal(1, october.Sum(Gauge, "year=\"2028\""));
        var warning = await EventuallyAsync(() => Task.FromResult(lines.FirstOrDefault(l => l.Contains(Warning, StringComparison.Ordinal))), l => l is not null);
        Assert.NotNull(warning);
        Assert.Contains("Warning", warning);
        Assert.Contains("reference publish --kind calendar", warning);
        // Once a day while it lasts, not at every poll.
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Single(lines, l => l.Contains(Warning, StringComparison.Ordinal));

        await Client(host).PublishReferenceDataAsync(new PublishReferenceDataRequest { Kind = "calendar", Content = CalendarWith2028(), ExpectedCurrentVersion = 1 }, AsAdmin);
        var published = await MetricsScrape.UntilAsync(host, s => s.Sum(Gauge) == 0);
        Assert.Equal(0, published.Sum(Gauge));
    }

    [Fact]
    public async Task A_silo_started_in_October_without_next_year_warns_at_start()
    {
        var lines = new ConcurrentQueue<string>();
        await using var host = await TestHost.StartAsync(clock: new FakeTimeProvider(Local(2027, 11, 15, 9, 0)), logging: l => l.AddProvider(new LineCapture(lines)));

        Assert.Contains(lines, l => l.Contains(Warning, StringComparison.Ordinal));
        Assert.Equal(1, (await MetricsScrape.TakeAsync(host)).Sum(Gauge, "year=\"2028\""));
    }
}
