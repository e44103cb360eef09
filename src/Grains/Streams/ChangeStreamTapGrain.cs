using DossierTracking.Contracts.Feed;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace DossierTracking.Grains.Streams;

/// <summary>
/// The cluster's own subscriber to the change stream (implicit: activated by the stream's first change). It takes
/// each position once, in order, measures the lag from commit to receipt, and keeps the last positions. A rewind
/// reads the feed itself after the position: Orleans lets an implicit subscription give a start token only when it
/// subscribes (<see cref="OnSubscribed"/>), and within an activation its delivery only moves forward.
/// </summary>
[ImplicitStreamSubscription(ChangeStreams.Namespace)]
public sealed partial class ChangeStreamTapGrain(IChangeFeed feed, ChangeStreamMetrics metrics, ILogger<ChangeStreamTapGrain> logger)
    : Grain, IChangeStreamTapGrain, IStreamSubscriptionObserver, IAsyncObserver<FeedChange>
{
    /// <summary>Positions kept for <see cref="ProgressAsync"/>.</summary>
    public const int KeptPositions = 5_000;

    private const int FeedPage = 500;

    private readonly Queue<long> _recent = new();
    private long _last;
    private long _received;
    private long _duplicates;
    private long _readFromFeed;

    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory)
    {
        await handleFactory.Create<FeedChange>().ResumeAsync(this);
    }

    public Task OnNextAsync(FeedChange item, StreamSequenceToken? token = null)
    {
        Take(item);
        return Task.CompletedTask;
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex)
    {
        LogStreamError(ex);
        return Task.CompletedTask;
    }

    public Task<ChangeStreamProgress> ProgressAsync() => Task.FromResult(new ChangeStreamProgress
    {
        LastPosition = _last,
        Received = _received,
        Duplicates = _duplicates,
        ReadFromFeed = _readFromFeed,
        RecentPositions = [.. _recent],
    });

    public async Task RewindAsync(long afterPosition)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterPosition);
        var through = _last;
        _last = afterPosition;
        await ReadFromFeedAsync(afterPosition, long.MaxValue);
        // The stream goes on after the newest change read; what it delivers again meanwhile is skipped by position.
        _last = Math.Max(_last, through);
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        LogStopped(_last, _received);
        return Task.CompletedTask;
    }

    private async Task ReadFromFeedAsync(long after, long before)
    {
        while (true)
        {
            var page = await feed.ReadAsync(after, FeedPage);
            foreach (var change in page.Changes)
            {
                if (change.Position >= before)
                {
                    return;
                }

                Take(change);
                _readFromFeed++;
                after = change.Position;
            }

            if (!page.HasMore || page.Changes.Count == 0)
            {
                return;
            }
        }
    }

    private void Take(FeedChange change)
    {
        if (change.Position <= _last)
        {
            _duplicates++;
            return;
        }

        metrics.Received(DateTimeOffset.UtcNow - change.CommittedAt);
        _last = change.Position;
        _received++;
        _recent.Enqueue(change.Position);
        if (_recent.Count > KeptPositions)
        {
            _recent.Dequeue();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The change stream's tap stops after position {Position}, having taken {Received} changes")]
    private partial void LogStopped(long position, long received);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The change stream reported an error to its tap")]
    private partial void LogStreamError(Exception exception);
}
