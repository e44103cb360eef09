namespace DossierTracking.Contracts.Notifications;

/// <summary>
/// A way to hand a message to the applicant (an SMS or Zalo gateway, a log in development). Never throws for what
/// the gateway or the network does: the answer says whether the gateway took the message and, if not, why.
/// </summary>
public interface INotificationChannel
{
    /// <returns>Null when the gateway accepted the message; else a short error (no personal data).</returns>
    Task<string?> SendAsync(NotificationMessage message, CancellationToken cancellationToken);
}
