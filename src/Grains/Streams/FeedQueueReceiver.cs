using System.Diagnostics;
using DossierTracking.Contracts.Feed;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Streams;

namespace DossierTracking.Grains.Streams;

/// <summary>
/// Reads one queue of the change stream: the feed after the last position read. It starts after the queue's saved
/// checkpoint (or, the first time, after the newest change, which it saves at once), and saves the position of what
/// the cache reports delivered to every subscriber. So a restart or a silo's death replays the changes since the last
/// save and skips none; subscribers that must not take a change twice skip positions they have taken.
/// </summary>
internal sealed partial class FeedQueueReceiver(
    QueueId queue,
    IChangeFeed feed,
    IGrainFactory grains,
    FeedStreamOptions options,
    ILogger logger) : IQueueAdapterReceiver
{
    private static readonly StreamId AllChanges = StreamId.Create(ChangeStreams.Namespace, ChangeStreams.AllKey);

    private readonly IFeedStreamCheckpointGrain _checkpoint = grains.GetGrain<IFeedStreamCheckpointGrain>(queue.ToString());
    private long _readThrough;
    private long _delivered;
    private long _saved;
    private long _savedAt;

    public async Task Initialize(TimeSpan timeout)
    {
        var saved = await _checkpoint.ReadAsync();
        if (saved is { } position)
        {
            _readThrough = position;
        }
        else
        {
            _readThrough = await feed.NewestPositionAsync();
            await _checkpoint.SaveAsync(_readThrough);
        }

        _delivered = _saved = _readThrough;
        _savedAt = Stopwatch.GetTimestamp();
        LogStarted(queue.ToString(), _readThrough, saved is not null);
    }

    [Obsolete("Orleans calls the overload with a cancellation token.")]
    public Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount) => GetQueueMessagesAsync(maxCount, CancellationToken.None);

    public async Task<IList<IBatchContainer>> GetQueueMessagesAsync(int maxCount, CancellationToken cancellationToken)
    {
        var limit = maxCount <= 0 ? options.ReadBatch : Math.Min(maxCount, options.ReadBatch);
        var page = await feed.ReadAsync(_readThrough, limit, cancellationToken);
        if (page.RemovedThrough > _readThrough)
        {
            LogRemoved(queue.ToString(), _readThrough, page.RemovedThrough);
        }

        if (page.Changes.Count == 0)
        {
            return [];
        }

        var batch = new List<IBatchContainer>(page.Changes.Count);
        foreach (var change in page.Changes)
        {
            batch.Add(new FeedBatchContainer(AllChanges, change));
        }

        _readThrough = page.Changes[^1].Position;
        return batch;
    }

    [Obsolete("Orleans calls the overload with a cancellation token.")]
    public Task MessagesDeliveredAsync(IList<IBatchContainer> messages) => MessagesDeliveredAsync(messages, CancellationToken.None);

    public async Task MessagesDeliveredAsync(IList<IBatchContainer> messages, CancellationToken cancellationToken)
    {
        foreach (var message in messages)
        {
            if (message is FeedBatchContainer container && container.Change.Position > _delivered)
            {
                _delivered = container.Change.Position;
            }
        }

        if (_delivered > _saved && Stopwatch.GetElapsedTime(_savedAt) >= options.CheckpointInterval)
        {
            await SaveAsync();
        }
    }

    public async Task Shutdown(TimeSpan timeout)
    {
        if (_delivered > _saved)
        {
            await SaveAsync();
        }
    }

    private async Task SaveAsync()
    {
        var position = _delivered;
        await _checkpoint.SaveAsync(position);
        _saved = position;
        _savedAt = Stopwatch.GetTimestamp();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Change stream queue {Queue} starts after feed position {Position} (checkpoint found: {FromCheckpoint})")]
    private partial void LogStarted(string queue, long position, bool fromCheckpoint);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Change stream queue {Queue}: the feed's retention removed the changes after {Position} through {RemovedThrough} before the stream read them")]
    private partial void LogRemoved(string queue, long position, long removedThrough);
}
