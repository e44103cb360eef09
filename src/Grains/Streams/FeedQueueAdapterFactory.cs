using DossierTracking.Contracts.Feed;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Providers.Streams.Common;
using Orleans.Streams;

namespace DossierTracking.Grains.Streams;

/// <summary>
/// The parts of the change stream's provider. One queue: the feed is one ordered sequence, and N queues would each
/// read all of it to keep their share (N reads per change); one queue is read once per poll by the one silo the
/// balancer gives it to, and moves to another silo when that one dies.
/// </summary>
public sealed class FeedQueueAdapterFactory(string name, IChangeFeed feed, IGrainFactory grains, FeedStreamOptions options, ILoggerFactory loggers)
    : IQueueAdapterFactory
{
    private readonly SimpleQueueAdapterCache _cache = new(new SimpleQueueCacheOptions { CacheSize = options.CacheSize }, name, loggers);
    private readonly HashRingBasedStreamQueueMapper _mapper = FeedStreamQueues.Mapper(name);

    [Obsolete("Orleans calls the overload with a cancellation token.")]
    public Task<IQueueAdapter> CreateAdapter() => Task.FromResult<IQueueAdapter>(new FeedQueueAdapter(name, feed, grains, options, loggers));

    public Task<IQueueAdapter> CreateAdapter(CancellationToken cancellationToken) =>
        Task.FromResult<IQueueAdapter>(new FeedQueueAdapter(name, feed, grains, options, loggers));

    public IQueueAdapterCache GetQueueAdapterCache() => _cache;

    public IStreamQueueMapper GetStreamQueueMapper() => _mapper;

    /// <summary>A subscriber that fails a change does not stop the stream: exact subscribers keep their own cursor.</summary>
    public Task<IStreamFailureHandler> GetDeliveryFailureHandler(QueueId queueId) => Task.FromResult<IStreamFailureHandler>(new NoOpStreamDeliveryFailureHandler());
}
