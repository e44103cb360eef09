using System.Collections.Immutable;
using System.Security.Cryptography;
using DossierTracking.Contracts.Audit;
using DossierTracking.Contracts.Dossiers;
using DossierTracking.Contracts.Feed;
using DossierTracking.Contracts.Webhooks;
using DossierTracking.Domain.Webhooks;
using DossierTracking.Grains.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DossierTracking.Grains.Webhooks;

/// <summary>
/// One webhook subscription. It reads the change feed after its cursor and delivers each matching change, one at a
/// time and in feed order, so a dossier's changes reach the endpoint in the order they were made; the cursor is saved
/// after each round, so a restart or a silo's death resends at most the changes of one round (with the same event ids:
/// at least once). A failing change is retried with growing waits, then put on the dead-letter list so one bad change
/// cannot stop the rest. Nothing here touches a dossier: a slow or dead endpoint delays only its own subscription.
/// Delivery runs in rounds of bounded length on a grain timer, so administrators' calls are answered between rounds.
/// </summary>
public sealed partial class SubscriptionGrain(
    [PersistentState(StorageNames.SubscriptionState, StorageNames.Dossiers)] IPersistentState<SubscriptionRecord> state,
    IChangeFeed feed,
    IWebhookSender sender,
    IOptions<WebhookOptions> options,
    WebhookMetrics metrics,
    IAuditSink audit,
    ILogger<SubscriptionGrain> logger) : Grain, ISubscriptionGrain
{
    /// <summary>Dead letters kept for reading; older ones are counted only.</summary>
    public const int KeptDeadLetters = 100;

    private readonly WebhookOptions _options = options.Value;
    private readonly TimeProvider _time = TimeProvider.System;
    private IGrainTimer? _timer;
    // The change being retried: attempts so far, when the next one may run, and the last error. Kept in memory only:
    // after a restart a failing change starts its count again, which can only add attempts, never skip the change.
    private int _failedAttempts;
    private DateTimeOffset _retryAt;
    private string _lastError = "";

    private string Id => this.GetPrimaryKeyString();

    private bool Exists => state.RecordExists;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        StartDelivery();
        return Task.CompletedTask;
    }

    public async Task<SubscriptionReply> CreateAsync(SubscriptionDefinition definition, string createdBy)
    {
        if (Exists)
        {
            return new SubscriptionReply
            {
                Failure = new Failure { Kind = FailureKind.AlreadyExists, Reason = "SUBSCRIPTION_EXISTS", Message = $"Subscription {Id} exists already.", Field = "id" },
            };
        }

        if (SubscriptionRules.Validate(definition) is { } failure)
        {
            return new SubscriptionReply { Failure = failure };
        }

        var newest = await feed.NewestPositionAsync();
        if (definition.StartAfterPosition is { } asked && (PositionProblem(asked, newest, (await feed.ReadAsync(asked, 1)).RemovedThrough, "start_after_position") is { } outside))
        {
            return new SubscriptionReply { Failure = outside };
        }

        var start = definition.StartAfterPosition ?? newest;
        state.State = new SubscriptionRecord
        {
            Name = definition.Name.Trim(),
            Endpoint = definition.Endpoint,
            Filter = definition.Filter,
            Secret = NewSecret(),
            CreatedAt = _time.GetUtcNow(),
            CreatedBy = createdBy,
            Cursor = start,
        };
        await state.WriteStateAsync();
        LogCreated(Id, start);
        StartDelivery();
        return new SubscriptionReply { Subscription = View(), Secret = state.State.Secret };
    }

    public Task<SubscriptionReply> GetAsync() => Task.FromResult(Exists ? new SubscriptionReply { Subscription = View() } : SubscriptionReply.None);

    public async Task<SubscriptionReply> SetPausedAsync(bool paused)
    {
        if (!Exists)
        {
            return SubscriptionReply.None;
        }

        if (state.State.Paused != paused)
        {
            state.State = state.State with { Paused = paused };
            await state.WriteStateAsync();
            ResetRetry();
        }

        StartDelivery();
        return new SubscriptionReply { Subscription = View() };
    }

    public async Task<SubscriptionReply> RedeliverAfterAsync(long afterPosition)
    {
        if (!Exists)
        {
            return SubscriptionReply.None;
        }

        if (afterPosition < 0)
        {
            return new SubscriptionReply
            {
                Failure = Domain.Dossiers.Failures.Invalid("after_position", "NEGATIVE_POSITION", "after_position must not be negative (0 sends every change from the start)."),
            };
        }

        if (PositionProblem(afterPosition, await feed.NewestPositionAsync(), (await feed.ReadAsync(afterPosition, 1)).RemovedThrough, "after_position") is { } outside)
        {
            return new SubscriptionReply { Failure = outside };
        }

        state.State = state.State with { Cursor = afterPosition };
        await state.WriteStateAsync();
        ResetRetry();
        LogRewound(Id, afterPosition);
        StartDelivery();
        return new SubscriptionReply { Subscription = View() };
    }

    public async Task<bool> DeleteAsync()
    {
        if (!Exists)
        {
            return false;
        }

        _timer?.Dispose();
        _timer = null;
        await state.ClearStateAsync();
        LogDeleted(Id);
        this.DeactivateOnIdle();
        return true;
    }

    public Task WakeAsync()
    {
        StartDelivery();
        return Task.CompletedTask;
    }

    private void StartDelivery()
    {
        if (!_options.Enabled && Exists && !state.State.Paused)
        {
            // This silo does not deliver: leave, so that the next wake-up places the subscription on one that does.
            this.DeactivateOnIdle();
            return;
        }

        if (_timer is null && Exists && !state.State.Paused)
        {
            // KeepAlive: a subscription delivers whether or not anyone calls it; each silo's wake-up round brings it
            // back on another silo if its own died.
            _timer = this.RegisterGrainTimer(DeliverRoundAsync, new GrainTimerCreationOptions
            {
                DueTime = TimeSpan.Zero,
                Period = _options.PollInterval,
                KeepAlive = true,
            });
        }
    }

    /// <summary>One round: pages of the feed after the cursor, delivered in order, until the feed is drained, a change fails, or the round's budget is spent.</summary>
    private async Task DeliverRoundAsync(CancellationToken cancellationToken)
    {
        if (!Exists || state.State.Paused)
        {
            _timer?.Dispose();
            _timer = null;
            return;
        }

        if (_failedAttempts > 0 && _time.GetUtcNow() < _retryAt)
        {
            return;
        }

        var started = _time.GetTimestamp();
        var record = state.State;
        var target = new WebhookTarget(Id, record.Endpoint, record.Secret);
        var cursor = record.Cursor;
        DateTimeOffset? delivered = null;
        var deadLetters = new List<DeadLetter>();
        var disclosed = new HashSet<string>(StringComparer.Ordinal);
        var blocked = false;
        try
        {
            while (!blocked && !cancellationToken.IsCancellationRequested && _time.GetElapsedTime(started) < _options.RoundBudget)
            {
                var page = await feed.ReadAsync(cursor, _options.BatchSize, cancellationToken);
                if (page.RemovedThrough > cursor)
                {
                    // Retention keeps what any subscription still needs, so this is a cursor set below it by hand
                    // (or a restored backup): go on from what is kept, and say so.
                    LogRemovedBeforeDelivery(Id, cursor, page.RemovedThrough);
                    cursor = page.RemovedThrough;
                }

                foreach (var change in page.Changes)
                {
                    if (change.Position <= cursor)
                    {
                        continue;
                    }

                    if (!SubscriptionRules.Matches(record.Filter, change))
                    {
                        cursor = change.Position;
                        continue;
                    }

                    var outcome = await sender.SendAsync(target, change, cancellationToken);
                    if (outcome.Delivered)
                    {
                        metrics.Accepted(_time.GetUtcNow() - change.CommittedAt);
                        cursor = change.Position;
                        delivered = _time.GetUtcNow();
                        disclosed.Add(change.ReceiptCode);
                        ResetRetry();
                    }
                    else if (Failed(change, outcome.Error) is { } letter)
                    {
                        deadLetters.Add(letter);
                        cursor = change.Position;
                    }
                    else
                    {
                        blocked = true;
                        break;
                    }

                    if (_time.GetElapsedTime(started) >= _options.RoundBudget)
                    {
                        break;
                    }
                }

                if (!page.HasMore)
                {
                    break;
                }
            }
        }
        finally
        {
            // Saved even when the round was cut short, so what was delivered is not sent again.
            WebhookAudit.Delivered(audit, Id, disclosed, _time.GetUtcNow());
            await SaveAsync(cursor, delivered, deadLetters);
        }
    }

    /// <summary>Counts a failed attempt; the dead letter to record when that was the last attempt allowed, else null (retry later).</summary>
    private DeadLetter? Failed(FeedChange change, string error)
    {
        _failedAttempts++;
        _lastError = error;
        LogAttemptFailed(Id, change.Position, _failedAttempts, error);
        if (_failedAttempts < _options.MaxAttempts)
        {
            metrics.Refused();
            _retryAt = _time.GetUtcNow() + DeliveryBackoff.DelayAfter(_failedAttempts, _options.FirstRetryDelay, _options.MaxRetryDelay);
            return null;
        }

        metrics.GaveUp();
        var letter = new DeadLetter
        {
            Position = change.Position,
            ReceiptCode = change.ReceiptCode,
            Version = change.Version,
            Attempts = _failedAttempts,
            LastError = error,
            GaveUpAt = _time.GetUtcNow(),
        };
        LogDeadLettered(Id, change.Position, _failedAttempts);
        ResetRetry();
        return letter;
    }

    private async Task SaveAsync(long cursor, DateTimeOffset? delivered, List<DeadLetter> deadLetters)
    {
        var record = state.State;
        if (cursor == record.Cursor && deadLetters.Count == 0)
        {
            return;
        }

        var letters = record.DeadLetters.IsDefault ? [] : record.DeadLetters;
        if (deadLetters.Count > 0)
        {
            letters = [.. letters.AddRange(deadLetters).TakeLast(KeptDeadLetters)];
        }

        state.State = record with
        {
            Cursor = cursor,
            LastDeliveredAt = delivered ?? record.LastDeliveredAt,
            DeadLetterCount = record.DeadLetterCount + deadLetters.Count,
            DeadLetters = letters,
        };
        await state.WriteStateAsync();
    }

    /// <summary>A position delivery cannot start after: one retention has removed, or one the feed has not reached (every change up to it would be skipped).</summary>
    private static Failure? PositionProblem(long position, long newest, long removedThrough, string field)
    {
        if (position < removedThrough)
        {
            return new Failure
            {
                Kind = FailureKind.OutOfRange,
                Reason = "FEED_POSITION_REMOVED",
                Message = $"Changes up to position {removedThrough} have been removed by retention; start after {removedThrough} or later.",
                Field = field,
            };
        }

        return position > newest
            ? new Failure
            {
                Kind = FailureKind.OutOfRange,
                Reason = "FEED_POSITION_AHEAD",
                Message = $"The feed's newest position is {newest}; a position beyond it would skip every change until the feed got there.",
                Field = field,
            }
            : null;
    }

    private void ResetRetry()
    {
        _failedAttempts = 0;
        _retryAt = default;
        _lastError = "";
    }

    private SubscriptionView View()
    {
        var record = state.State;
        return new SubscriptionView
        {
            Id = Id,
            Name = record.Name,
            Endpoint = record.Endpoint,
            Filter = record.Filter,
            CreatedAt = record.CreatedAt,
            CreatedBy = record.CreatedBy,
            Paused = record.Paused,
            DeliveredThrough = record.Cursor,
            LastDeliveredAt = record.LastDeliveredAt,
            FailingAttempts = _failedAttempts,
            LastError = _lastError,
            DeadLetterCount = record.DeadLetterCount,
            RecentDeadLetters = record.DeadLetters.IsDefault ? [] : record.DeadLetters,
        };
    }

    /// <summary>32 random bytes, base64url: the key of the deliveries' HMAC (its UTF-8 text is the key, so a receiver uses the string as given).</summary>
    private static string NewSecret() =>
        "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook subscription {SubscriptionId} created, delivering changes after position {Position}")]
    private partial void LogCreated(string subscriptionId, long position);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook subscription {SubscriptionId} rewound to position {Position}")]
    private partial void LogRewound(string subscriptionId, long position);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook subscription {SubscriptionId}: changes after position {Cursor} up to {RemovedThrough} were removed from the feed before delivery")]
    private partial void LogRemovedBeforeDelivery(string subscriptionId, long cursor, long removedThrough);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook subscription {SubscriptionId} deleted")]
    private partial void LogDeleted(string subscriptionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook subscription {SubscriptionId}: attempt {Attempt} at the change at position {Position} failed: {Error}")]
    private partial void LogAttemptFailed(string subscriptionId, long position, int attempt, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook subscription {SubscriptionId}: the change at position {Position} is dead-lettered after {Attempts} attempts")]
    private partial void LogDeadLettered(string subscriptionId, long position, int attempts);
}
