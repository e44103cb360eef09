namespace DossierTracking.Contracts.Notifications;

/// <summary>One message to send. Recipient and text are personal data: never logged.</summary>
public sealed record NotificationMessage
{
    /// <summary>Never prints the recipient or the text.</summary>
    public override string ToString() => $"NotificationMessage {{ Id = {Id}, Kind = {Kind}, Channel = {Channel}, personal data withheld }}";

    /// <summary>Stable for the event (receipt code, version, kind): the gateway's idempotency key, the same on every attempt.</summary>
    public required string Id { get; init; }
    public required string ReceiptCode { get; init; }
    public required NotificationKind Kind { get; init; }
    public required NotificationChannelKind Channel { get; init; }
    /// <summary>The phone number or e-mail address.</summary>
    public required string Recipient { get; init; }
    public required string Text { get; init; }
}
