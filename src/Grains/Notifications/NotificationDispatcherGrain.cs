using DossierTracking.Contracts.Dossiers;
using DossierTracking.Contracts.Feed;
using DossierTracking.Contracts.Notifications;
using DossierTracking.Domain.Notifications;
using DossierTracking.Domain.Webhooks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DossierTracking.Grains.Notifications;

/// <summary>
/// Tells applicants of their dossiers' steps, off the dossiers' write path. Each round reads the change feed after
/// the outbox's cursor; for each change the domain calls notifiable (<see cref="NotificationRules"/>) it reads the
/// dossier (for the applicant's contact and the values), renders the template and records the message in the outbox,
/// keyed by (receipt code, version, kind); the messages and the new cursor are written in one transaction, so reading
/// the feed again after a crash records nothing twice. Then it sends the messages that are due, with the message id as
/// the gateway's idempotency key, retrying a failed one with growing waits until <see cref="NotificationOptions.MaxAttempts"/>
/// (then FAILED). One activation in the cluster (key 0); a wake-up from every silo brings it back after its silo died.
/// </summary>
public sealed partial class NotificationDispatcherGrain(
    IChangeFeed feed,
    INotificationOutbox outbox,
    INotificationChannel channel,
    NotificationTemplates templates,
    IOptions<NotificationOptions> options,
    NotificationMetrics metrics,
    ILogger<NotificationDispatcherGrain> logger) : Grain, INotificationDispatcherGrain
{
    private readonly NotificationOptions _options = options.Value;
    private readonly TimeProvider _time = TimeProvider.System;
    private IGrainTimer? _timer;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Start();
        return Task.CompletedTask;
    }

    public Task WakeAsync()
    {
        Start();
        return Task.CompletedTask;
    }

    private void Start()
    {
        if (!_options.Enabled)
        {
            // This silo does not notify: leave, so that the next wake-up places the dispatcher on one that does.
            this.DeactivateOnIdle();
            return;
        }

        _timer ??= this.RegisterGrainTimer(RoundAsync, new GrainTimerCreationOptions
        {
            DueTime = TimeSpan.Zero,
            Period = _options.PollInterval,
            KeepAlive = true,
        });
    }

    private async Task RoundAsync(CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        try
        {
            await RecordNewAsync(started, cancellationToken);
            await SendDueAsync(started, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The next round starts again from the stored cursor and the stored outbox.
            LogRoundFailed(e);
        }
    }

    /// <summary>Pages of the feed after the cursor, each recorded with its messages in one transaction.</summary>
    private async Task RecordNewAsync(long started, CancellationToken cancellationToken)
    {
        var cursor = await outbox.CursorAsync(cancellationToken);
        while (!cancellationToken.IsCancellationRequested && _time.GetElapsedTime(started) < _options.RoundBudget)
        {
            var page = await feed.ReadAsync(cursor, _options.BatchSize, cancellationToken);
            if (page.RemovedThrough > cursor)
            {
                // Retention keeps every change above the cursor while the dispatcher is on; after a time with it off (or
                // a restored backup) go on from what is kept, once.
                LogRemovedBeforeReading(cursor, page.RemovedThrough);
                cursor = page.RemovedThrough;
                await outbox.RecordAsync([], cursor, cancellationToken);
            }

            if (page.Changes.Count == 0)
            {
                break;
            }

            var messages = new List<OutboxEntry>();
            var dossiers = new Dictionary<string, DossierView?>(StringComparer.Ordinal);
            foreach (var change in page.Changes)
            {
                if (change.Entry is { } entry && NotificationRules.KindOf(entry, change.Imported) is { } kind)
                {
                    if (!dossiers.TryGetValue(change.ReceiptCode, out var dossier))
                    {
                        dossier = (await GrainFactory.GetGrain<IDossierGrain>(change.ReceiptCode).GetAsync()).Dossier;
                        dossiers[change.ReceiptCode] = dossier;
                    }

                    if (dossier is not null && TryMessage(change, entry, kind, dossier) is { } message)
                    {
                        messages.Add(message);
                    }
                }
            }

            cursor = page.Changes[^1].Position;
            await outbox.RecordAsync(messages, cursor, cancellationToken);
            metrics.Recorded(messages.Count);
            if (!page.HasMore)
            {
                break;
            }
        }
    }

    /// <summary>
    /// The message of one change, or null. A change whose message cannot be made (its values do not fit the template)
    /// is logged and passed over: failing the round on it would stop every later message, and feed retention with it.
    /// A failed call to the dossier (above) does fail the round, which reads the change again: that one is transient.
    /// </summary>
    private OutboxEntry? TryMessage(FeedChange change, HistoryEntry entry, NotificationKind kind, DossierView dossier)
    {
        try
        {
            return Message(change, entry, kind, dossier);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogMessageNotMade(NotificationRules.MessageId(change.ReceiptCode, change.Version, kind), e.GetType().Name);
            metrics.GaveUp();
            return null;
        }
    }

    private OutboxEntry? Message(FeedChange change, HistoryEntry entry, NotificationKind kind, DossierView dossier)
    {
        if (NotificationRules.RecipientOf(dossier.Applicant) is not { } to)
        {
            return null;
        }

        var now = _time.GetUtcNow();
        return new OutboxEntry
        {
            Id = NotificationRules.MessageId(change.ReceiptCode, change.Version, kind),
            ReceiptCode = change.ReceiptCode,
            Version = change.Version,
            Kind = kind,
            Channel = to.Channel,
            Recipient = to.Recipient,
            Text = templates.Render(kind, NotificationRules.ValuesOf(kind, entry, dossier)),
            CreatedAt = now,
            NextAttemptAt = now,
        };
    }

    /// <summary>Sends the messages due now, one at a time, and records each one's outcome.</summary>
    private async Task SendDueAsync(long started, CancellationToken cancellationToken)
    {
        var due = await outbox.DueAsync(_time.GetUtcNow(), _options.BatchSize, cancellationToken);
        foreach (var entry in due)
        {
            if (cancellationToken.IsCancellationRequested || _time.GetElapsedTime(started) >= _options.RoundBudget)
            {
                break;
            }

            var message = new NotificationMessage
            {
                Id = entry.Id,
                ReceiptCode = entry.ReceiptCode,
                Kind = entry.Kind,
                Channel = entry.Channel,
                Recipient = entry.Recipient,
                Text = entry.Text,
            };
            var error = await channel.SendAsync(message, cancellationToken);
            var now = _time.GetUtcNow();
            var attempts = entry.Attempts + 1;
            OutboxEntry next;
            if (error is null)
            {
                metrics.Accepted();
                next = entry with { State = NotificationState.Sent, Attempts = attempts, LastAttemptAt = now, SentAt = now, LastError = "" };
            }
            else if (attempts >= _options.MaxAttempts)
            {
                LogGaveUp(entry.Id, attempts, error);
                metrics.GaveUp();
                next = entry with { State = NotificationState.Failed, Attempts = attempts, LastAttemptAt = now, LastError = error };
            }
            else
            {
                LogAttemptFailed(entry.Id, attempts, error);
                metrics.Refused();
                next = entry with
                {
                    Attempts = attempts,
                    LastAttemptAt = now,
                    LastError = error,
                    NextAttemptAt = now + DeliveryBackoff.DelayAfter(attempts, _options.FirstRetryDelay, _options.MaxRetryDelay),
                };
            }

            await outbox.UpdateAsync(next, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification round failed; the next round goes on from the stored cursor")]
    private partial void LogRoundFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Notification {MessageId} could not be made ({Error}) and is passed over")]
    private partial void LogMessageNotMade(string messageId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notifications: changes after position {Cursor} up to {RemovedThrough} were removed from the feed before they were read")]
    private partial void LogRemovedBeforeReading(long cursor, long removedThrough);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification {MessageId}: attempt {Attempt} failed: {Error}")]
    private partial void LogAttemptFailed(string messageId, int attempt, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Notification {MessageId} FAILED after {Attempts} attempts: {Error}")]
    private partial void LogGaveUp(string messageId, int attempts, string error);
}
