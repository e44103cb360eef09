using System.Collections.Concurrent;
using DossierTracking.Contracts.Feed;
using DossierTracking.Grains.Streams;
using DossierTracking.IntegrationTests.Infrastructure;
using DossierTracking.Silo.Feed;
using DossierTracking.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Streams;
using static DossierTracking.IntegrationTests.Feed.FeedSupport;
using static DossierTracking.IntegrationTests.Infrastructure.Requests;

namespace DossierTracking.IntegrationTests.Streams;

/// <summary>
/// The change stream (<c>Streams:Enabled</c>): a grain subscriber receives every committed change in feed order, a
/// restart of the silo skips none, and a rewind to a position gives the changes after it.
/// </summary>
public sealed class ChangeStreamTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider _clock = new(Local(2020, 10, 19, 8, 0));

    [Fact]
    public async Task A_grain_subscriber_receives_every_change_of_a_burst_in_feed_order_and_a_restart_skips_none()
    {
        var data = TestHost.NewDataDirectory();
        var settings = StreamSettings(cacheSize: 4096);
        settings["Logging:LogLevel:DossierTracking.Grains.Streams"] = "Information";
        var lines = new ConcurrentQueue<string>();
        await using (var first = await TestHost.StartAsync(data, _clock, settings, logging: l => l.AddProvider(new LineCapture(lines))))
        {
            await StartedAsync(first);
            await WriteConcurrentlyAsync(first.Dossiers, workers: 3, dossiersPerWorker: 4, seed: 31);
            var positions = await PositionsAsync(first);
            var progress = await CaughtUpAsync(first, positions[^1]);
            Assert.Equal(positions, progress.RecentPositions);
            Assert.Equal(0, progress.Duplicates);

            // A second burst, and the silo stops at once: part of it may not have reached the subscriber.
            await WriteConcurrentlyAsync(first.Dossiers, workers: 3, dossiersPerWorker: 3, seed: 32);
        }

        // The tap took the changes in order (above), so it had taken every position up to the one it stopped after.
        var stoppedAfter = Number(Assert.Single(lines, l => l.Contains("tap stops after position", StringComparison.Ordinal)), "position ");
        lines.Clear();

        // Changes committed while no silo streams (as while the queue's silo is down and another takes it over).
        var off = new Dictionary<string, string?>(settings) { ["Streams:Enabled"] = "false" };
        await using (var unstreamed = await TestHost.StartAsync(data, _clock, off))
        {
            await WriteConcurrentlyAsync(unstreamed.Dossiers, workers: 2, dossiersPerWorker: 2, seed: 33);
        }

        await using var second = await TestHost.StartAsync(data, _clock, settings, logging: l => l.AddProvider(new LineCapture(lines)));
        var all = await PositionsAsync(second);
        var afterRestart = await CaughtUpAsync(second, all[^1]);
        var resumedAfter = Number(Assert.Single(lines, l => l.Contains("starts after feed position", StringComparison.Ordinal)), "position ");

        // The queue resumed at or before where the subscriber stopped, and gave every change after it, in order.
        Assert.True(resumedAfter <= stoppedAfter, $"resumed after {resumedAfter}, the subscriber stopped after {stoppedAfter}");
        Assert.Equal(all.Where(p => p > resumedAfter), afterRestart.RecentPositions);
    }

    [Fact]
    public async Task A_subscriber_rewinding_to_a_position_takes_every_change_after_it_then_goes_on_with_the_stream()
    {
        await using var host = await TestHost.StartAsync(TestHost.NewDataDirectory(), _clock, StreamSettings(cacheSize: 100));
        await StartedAsync(host);
        await WriteConcurrentlyAsync(host.Dossiers, workers: 4, dossiersPerWorker: 8, seed: 41);
        var positions = await PositionsAsync(host);
        Assert.True(positions.Count > 100, $"{positions.Count} changes: the burst must outgrow the cache of 100");
        var before = await CaughtUpAsync(host, positions[^1]);
        Assert.Equal(positions, before.RecentPositions);

        var middle = positions[positions.Count / 2];
        await Tap(host).RewindAsync(middle);
        var rewound = await Tap(host).ProgressAsync();
        var again = positions.Where(p => p > middle).ToList();
        Assert.Equal([.. positions, .. again], rewound.RecentPositions);
        Assert.Equal(again.Count, rewound.ReadFromFeed);

        // The stream goes on after the rewind, each new change once.
        await WriteConcurrentlyAsync(host.Dossiers, workers: 1, dossiersPerWorker: 1, seed: 42);
        var more = await PositionsAsync(host, after: positions[^1]);
        var after = await CaughtUpAsync(host, more[^1]);
        Assert.Equal([.. positions, .. again, .. more], after.RecentPositions);

        // From the very start, beyond anything the stream's cache could hold.
        await Tap(host).RewindAsync(0);
        var fromStart = await Tap(host).ProgressAsync();
        Assert.Equal([.. positions, .. more], fromStart.RecentPositions.TakeLast(positions.Count + more.Count));
    }

    [Fact]
    public async Task The_feed_keeps_the_changes_the_stream_has_not_saved_as_delivered()
    {
        var settings = StreamSettings(cacheSize: 4096);
        settings["Streams:CheckpointInterval"] = "00:10:00";
        // Only the stream holds the feed here: the notification dispatcher's cursor would hold it too.
        settings["Notifications:Enabled"] = "false";
        await using var host = await TestHost.StartAsync(TestHost.NewDataDirectory(), _clock, settings);
        var checkpoint = host.Grains.GetGrain<IFeedStreamCheckpointGrain>(
            Assert.Single(FeedStreamQueues.Mapper(ChangeStreams.Provider).GetAllQueues()).ToString());
        Assert.Equal(0, await EventuallyAsync(() => checkpoint.ReadAsync(), p => p is not null, Patience, "the stream's first checkpoint"));
        await WriteConcurrentlyAsync(host.Dossiers, workers: 1, dossiersPerWorker: 3, seed: 61);
        var positions = await PositionsAsync(host);
        await CaughtUpAsync(host, positions[^1]);

        // Delivered, but not yet saved as delivered: a restart now would send them again, so they stay.
        var retention = host.Services.GetRequiredService<FeedRetention>();
        var later = DateTimeOffset.UtcNow.AddDays(91);
        Assert.Equal(0, await retention.RemoveOnceAsync(later, CancellationToken.None));

        await checkpoint.SaveAsync(positions[2]);
        Assert.Equal(3, await retention.RemoveOnceAsync(later, CancellationToken.None));
        Assert.Equal(positions.Skip(3), await PositionsAsync(host, after: positions[2]));
    }

    [Fact]
    public async Task A_change_on_the_stream_crosses_to_another_silo_intact_with_its_position_as_token()
    {
        await using var host = await TestHost.StartAsync(TestHost.NewDataDirectory(), _clock, StreamSettings(cacheSize: 4096));
        await WriteConcurrentlyAsync(host.Dossiers, workers: 1, dossiersPerWorker: 1, seed: 71);
        var change = (await host.Services.GetRequiredService<IChangeFeed>().ReadAsync(0, 1)).Changes[0];
        var container = new FeedBatchContainer(StreamId.Create(ChangeStreams.Namespace, ChangeStreams.AllKey), change);

        var serializer = host.Services.GetRequiredService<Serializer>();
        var copy = serializer.Deserialize<IBatchContainer>(serializer.SerializeToArray<IBatchContainer>(container))!;

        var events = copy.GetEvents<FeedChange>().ToList();
        Assert.Equal(change, Assert.Single(events).Item1);
        Assert.Equal(container.StreamId, copy.StreamId);
        Assert.Equal(0, FeedBatchContainer.TokenAt(change.Position).CompareTo(copy.SequenceToken));
        Assert.Empty(copy.GetEvents<string>());
    }

    [Fact]
    public void A_bad_stream_setting_stops_the_start_naming_it_and_its_range()
    {
        var settings = new Dictionary<string, string?>(TestTokens.Settings)
        {
            ["Storage:Provider"] = "Sqlite",
            ["Storage:DataDirectory"] = TestHost.NewDataDirectory(),
            ["Streams:Enabled"] = "true",
            ["Streams:PollInterval"] = "00:00:00.001",
            ["Streams:CacheSize"] = "10",
        };
        var error = Assert.Throws<OptionsValidationException>(() => DossierHost.CreateBuilder([], settings));
        Assert.Contains("Streams:PollInterval must be between 00:00:00.010 and 00:01:00", error.Message);
        Assert.Contains("Streams:CacheSize must be between 100 and 1000000", error.Message);
    }

    private static Dictionary<string, string?> StreamSettings(int cacheSize) => new()
    {
        ["Streams:Enabled"] = "true",
        ["Streams:PollInterval"] = "00:00:00.020",
        ["Streams:CheckpointInterval"] = "00:00:00.050",
        ["Streams:CacheSize"] = cacheSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// Waits for the stream's first checkpoint: on its first start the stream begins after the newest change, so a
    /// test writes only once its pulling agent has started (which, on a busy machine, can be seconds after the host).
    /// </summary>
    internal static Task<long?> StartedAsync(TestHost host)
    {
        var checkpoint = host.Grains.GetGrain<IFeedStreamCheckpointGrain>(
            Assert.Single(FeedStreamQueues.Mapper(ChangeStreams.Provider).GetAllQueues()).ToString());
        return EventuallyAsync(() => checkpoint.ReadAsync(), p => p is not null, Patience, "the stream's first checkpoint");
    }

    private static IChangeStreamTapGrain Tap(TestHost host) => host.Grains.GetGrain<IChangeStreamTapGrain>(ChangeStreams.AllKey);

    private static Task<ChangeStreamProgress> CaughtUpAsync(TestHost host, long newest) =>
        EventuallyAsync(() => Tap(host).ProgressAsync(), p => p.LastPosition >= newest, Patience, $"the tap reaching position {newest}");

    private static long Number(string line, string after)
    {
        var start = line.IndexOf(after, StringComparison.Ordinal) + after.Length;
        var end = start;
        while (end < line.Length && char.IsAsciiDigit(line[end]))
        {
            end++;
        }

        return long.Parse(line[start..end], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<List<long>> PositionsAsync(TestHost host, long after = 0)
    {
        var feed = host.Services.GetRequiredService<IChangeFeed>();
        var positions = new List<long>();
        while (true)
        {
            var page = await feed.ReadAsync(after, 1000);
            positions.AddRange(page.Changes.Select(c => c.Position));
            if (!page.HasMore || page.Changes.Count == 0)
            {
                return positions;
            }

            after = page.Changes[^1].Position;
        }
    }

    private sealed class LineCapture(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Capture(lines);

        public void Dispose()
        {
        }

        private sealed class Capture(ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue(formatter(state, exception));
        }
    }
}
