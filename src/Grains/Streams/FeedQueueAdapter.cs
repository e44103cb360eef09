using DossierTracking.Contracts.Feed;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Streams;

namespace DossierTracking.Grains.Streams;

/// <summary>
/// The change stream's queue adapter: read-only, because the producer is the database trigger that appends every
/// committed change to the feed. Rewindable: a position is a sequence token.
/// </summary>
internal sealed class FeedQueueAdapter(string name, IChangeFeed feed, IGrainFactory grains, FeedStreamOptions options, ILoggerFactory loggers)
    : IQueueAdapter
{
    public string Name => name;

    public bool IsRewindable => true;

    public StreamProviderDirection Direction => StreamProviderDirection.ReadOnly;

    public Task QueueMessageBatchAsync<T>(StreamId streamId, IEnumerable<T> events, StreamSequenceToken? token, Dictionary<string, object>? requestContext) =>
        throw new NotSupportedException("The change stream is read-only: changes enter it by being committed to the change feed.");

    public IQueueAdapterReceiver CreateReceiver(QueueId queueId) =>
        new FeedQueueReceiver(queueId, feed, grains, options, loggers.CreateLogger<FeedQueueReceiver>());
}
