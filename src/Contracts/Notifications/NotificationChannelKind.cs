namespace DossierTracking.Contracts.Notifications;

/// <summary>How a message reaches the applicant.</summary>
[GenerateSerializer, Alias("dvc.NotificationChannelKind")]
public enum NotificationChannelKind
{
    Unspecified = 0,
    Sms = 1,
    Email = 2,
}
