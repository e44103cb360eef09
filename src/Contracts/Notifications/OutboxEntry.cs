namespace DossierTracking.Contracts.Notifications;

/// <summary>One message of the outbox, with its delivery state. Recipient and text are personal data: never logged.</summary>
public sealed record OutboxEntry
{
    /// <summary>Never prints the recipient or the text.</summary>
    public override string ToString() => $"OutboxEntry {{ Id = {Id}, Kind = {Kind}, State = {State}, Attempts = {Attempts}, personal data withheld }}";

    public required string Id { get; init; }
    public required string ReceiptCode { get; init; }
    /// <summary>The dossier version whose change the message tells of.</summary>
    public required long Version { get; init; }
    public required NotificationKind Kind { get; init; }
    public required NotificationChannelKind Channel { get; init; }
    public required string Recipient { get; init; }
    public required string Text { get; init; }
    public NotificationState State { get; init; } = NotificationState.Pending;
    public int Attempts { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    /// <summary>When the next attempt may run (pending messages).</summary>
    public DateTimeOffset NextAttemptAt { get; init; }
    public DateTimeOffset? LastAttemptAt { get; init; }
    /// <summary>When the gateway accepted it.</summary>
    public DateTimeOffset? SentAt { get; init; }
    /// <summary>The last attempt's error (no personal data).</summary>
    public string LastError { get; init; } = "";
}
