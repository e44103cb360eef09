namespace DossierTracking.Contracts.Notifications;

/// <summary>Where one message stands in the outbox.</summary>
[GenerateSerializer, Alias("dvc.NotificationState")]
public enum NotificationState
{
    Unspecified = 0,
    /// <summary>Recorded, not yet accepted by the gateway (waiting for its first or next attempt).</summary>
    Pending = 1,
    /// <summary>The gateway accepted it.</summary>
    Sent = 2,
    /// <summary>Every attempt allowed failed; it is not tried again.</summary>
    Failed = 3,
}
