using System.Data.Common;
using System.Globalization;
using DossierTracking.Contracts.Webhooks;
using DossierTracking.Grains.Streams;
using DossierTracking.Silo.Configuration;
using DossierTracking.Silo.Storage;
using Microsoft.Extensions.Options;
using static DossierTracking.Silo.Storage.DbCommandParameters;

namespace DossierTracking.Silo.Feed;

/// <summary>
/// Keeps the change feed bounded: removes, from its oldest end, the changes older than <c>ChangeFeed:Retention</c>
/// that every webhook subscription (paused ones included) and the notification dispatcher have passed, and the change
/// stream too while it is on (<c>streamsEnabled</c>: its saved checkpoint). Each batch is one short transaction that
/// deletes up to <c>ChangeFeed:RetentionBatch</c> rows by position and raises the horizon (dvc_feed_horizon) to the
/// last of them, so readers always know what is gone; the feed's writers only ever append above it, so removal
/// never waits for them nor they for it beyond one small batch. Every silo runs it; two silos removing the same
/// batch remove it once (the horizon only grows).
/// </summary>
public sealed partial class FeedRetention(
    StorageConnections connections,
    IGrainFactory grains,
    IOptions<ChangeFeedOptions> options,
    TimeProvider time,
    ILogger<FeedRetention> logger,
    bool streamsEnabled = false,
    bool holdForNotifications = false) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (settings.Retention == TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(settings.RetentionInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var removed = await RemoveOnceAsync(stoppingToken);
                if (removed > 0)
                {
                    LogRemoved(removed);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(e);
            }
        }
    }

    /// <summary>One pass: removes every change that may go now, batch by batch; the number removed.</summary>
    public Task<long> RemoveOnceAsync(CancellationToken cancellationToken) => RemoveOnceAsync(time.GetUtcNow(), cancellationToken);

    /// <summary>One pass as if it were <paramref name="now"/> (changes committed before now minus the retention may go).</summary>
    public async Task<long> RemoveOnceAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var keepFrom = Math.Min(await SlowestSubscriptionAsync(), await NotificationCursorAsync(cancellationToken));
        var cutoff = now - settings.Retention;
        long removed = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var batch = await RemoveBatchAsync(keepFrom, cutoff, settings.RetentionBatch, cancellationToken);
            removed += batch;
            if (batch < settings.RetentionBatch)
            {
                break;
            }
        }

        return removed;
    }

    /// <summary>
    /// The lowest cursor among the subscriptions, and the change stream's checkpoint while the stream is on: changes
    /// above it are still to be delivered by someone.
    /// </summary>
    private async Task<long> SlowestSubscriptionAsync()
    {
        var ids = await grains.GetGrain<ISubscriptionRegistryGrain>(0).ListAsync();
        var replies = await Task.WhenAll(ids.Select(id => grains.GetGrain<ISubscriptionGrain>(id).GetAsync()));
        var slowest = replies.Where(r => r.Subscription is not null).Select(r => r.Subscription!.DeliveredThrough).DefaultIfEmpty(long.MaxValue).Min();
        if (streamsEnabled && await FeedStreamQueues.LowestCheckpointAsync(grains) is { } stream)
        {
            slowest = Math.Min(slowest, stream);
        }

        return slowest;
    }

    /// <summary>The notification dispatcher's cursor: changes above it are still to be read for the applicants' messages.</summary>
    private async Task<long> NotificationCursorAsync(CancellationToken cancellationToken)
    {
        if (!holdForNotifications)
        {
            return long.MaxValue;
        }

        await using var connection = await connections.OpenAsync(cancellationToken);
        return await Notifications.NotificationStore.CursorAsync(connection, cancellationToken);
    }

    private async Task<int> RemoveBatchAsync(long keepFrom, DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var horizon = await ChangeFeedStore.RemovedThroughAsync(connection, cancellationToken);

        // The oldest rows above the horizon, in position order; the batch ends at the first that must stay.
        var through = horizon;
        var count = 0;
        await using (var select = connection.CreateCommand())
        {
            select.Transaction = transaction;
            select.CommandText = "SELECT position, committed_at FROM dvc_change_feed WHERE position > @horizon ORDER BY position LIMIT @limit";
            Add(select, "horizon", horizon);
            Add(select, "limit", (long)batchSize);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var position = reader.GetInt64(0);
                // A change without a commit time came from before the feed existed: older than any cutoff.
                if (position > keepFrom || (!reader.IsDBNull(1) && CommittedAt(reader.GetValue(1)) >= cutoff))
                {
                    break;
                }

                through = position;
                count++;
            }
        }

        if (count == 0)
        {
            return 0;
        }

        await using (var delete = connection.CreateCommand())
        {
            delete.Transaction = transaction;
            delete.CommandText = "DELETE FROM dvc_change_feed WHERE position > @horizon AND position <= @through";
            Add(delete, "horizon", horizon);
            Add(delete, "through", through);
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var raise = connection.CreateCommand())
        {
            raise.Transaction = transaction;
            raise.CommandText = "UPDATE dvc_feed_horizon SET removed_through = @through WHERE id = 1 AND removed_through < @through";
            Add(raise, "through", through);
            await raise.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return count;
    }

    private static DateTimeOffset CommittedAt(object value) => value switch
    {
        DateTime moment => new DateTimeOffset(DateTime.SpecifyKind(moment, DateTimeKind.Utc)),
        DateTimeOffset moment => moment,
        string text => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
        var other => throw new InvalidDataException($"dvc_change_feed.committed_at holds a {other.GetType().Name}."),
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Change feed retention removed {Count} changes")]
    private partial void LogRemoved(long count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Change feed retention failed; the next pass tries again")]
    private partial void LogFailed(Exception exception);
}
