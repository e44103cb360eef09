using DossierTracking.Contracts.Feed;
using DossierTracking.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static DossierTracking.IntegrationTests.Feed.FeedSupport;

namespace DossierTracking.IntegrationTests.Streams;

/// <summary>
/// The change stream on PostgreSQL, where a change gets its feed position from the sequencer after its commit: the
/// stream's subscriber still receives every change of concurrent writers once, in feed order.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ChangeStreamPostgresTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_grain_subscriber_receives_every_change_of_concurrent_writers_once_in_feed_order()
    {
        var settings = new Dictionary<string, string?>(await postgres.NewDatabaseSettingsAsync())
        {
            ["Streams:Enabled"] = "true",
            ["Streams:PollInterval"] = "00:00:00.020",
            ["ChangeFeed:MoveInterval"] = "00:00:00.020",
        };
        await using var host = await TestHost.StartAsync(settings: settings);
        await ChangeStreamTests.StartedAsync(host);
        await WriteConcurrentlyAsync(host.Dossiers, workers: 4, dossiersPerWorker: 4, seed: 51);

        // The sequencer gives positions shortly after the commits: compare once the feed and the tap agree, or fail after 30 s.
        var feed = host.Services.GetRequiredService<IChangeFeed>();
        var tap = host.Grains.GetGrain<IChangeStreamTapGrain>(ChangeStreams.AllKey);
        var (positions, progress) = await EventuallyAsync(async () => (await PositionsAsync(feed), await tap.ProgressAsync()),
            pair => pair.Item1.Count > 0 && pair.Item1.SequenceEqual(pair.Item2.RecentPositions), TimeSpan.FromSeconds(30),
            "the tap holding every position of the feed, in order");
        Assert.True(positions.Count >= 16, $"{positions.Count} changes");
        Assert.Equal(0, progress.Duplicates);
    }

    private static async Task<List<long>> PositionsAsync(IChangeFeed feed)
    {
        var positions = new List<long>();
        FeedPage page;
        do
        {
            page = await feed.ReadAsync(positions.Count == 0 ? 0 : positions[^1], 1000);
            positions.AddRange(page.Changes.Select(c => c.Position));
        }
        while (page.HasMore);
        return positions;
    }
}
