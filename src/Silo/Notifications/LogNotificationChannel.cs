using DossierTracking.Contracts.Notifications;

namespace DossierTracking.Silo.Notifications;

/// <summary>
/// The development channel: logs that a message was sent, with its id, kind, channel and the recipient masked, never
/// the text (it carries the applicant's name and dossier details) nor the phone or e-mail address.
/// </summary>
public sealed partial class LogNotificationChannel(ILogger<LogNotificationChannel> logger) : INotificationChannel
{
    public Task<string?> SendAsync(NotificationMessage message, CancellationToken cancellationToken)
    {
        LogSent(message.Id, message.Kind, message.Channel, ContactMask.Mask(message.Recipient), message.Text.Length);
        return Task.FromResult<string?>(null);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification {MessageId} ({Kind}) sent by {Channel} to {MaskedRecipient}: {Length} characters (text withheld)")]
    private partial void LogSent(string messageId, NotificationKind kind, NotificationChannelKind channel, string maskedRecipient, int length);
}
