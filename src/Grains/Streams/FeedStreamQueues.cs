using DossierTracking.Contracts.Feed;
using Orleans.Configuration;
using Orleans.Streams;

namespace DossierTracking.Grains.Streams;

/// <summary>The change stream's queues (one), named as the stream provider names them, and their saved checkpoints.</summary>
public static class FeedStreamQueues
{
    public static HashRingBasedStreamQueueMapper Mapper(string providerName) =>
        new(new HashRingStreamQueueMapperOptions { TotalQueueCount = 1 }, providerName);

    /// <summary>
    /// The lowest position saved by the stream's queues: changes above it may not have reached every subscriber yet,
    /// so the feed's retention keeps them. Null when no queue ever saved one (the stream never ran).
    /// </summary>
    public static async Task<long?> LowestCheckpointAsync(IGrainFactory grains)
    {
        var saved = await Task.WhenAll(Mapper(ChangeStreams.Provider).GetAllQueues()
            .Select(queue => grains.GetGrain<IFeedStreamCheckpointGrain>(queue.ToString()).ReadAsync()));
        return saved.Where(p => p is not null).DefaultIfEmpty(null).Min();
    }
}
