namespace DossierTracking.Grains.Notifications;

/// <summary>Where notifications go: the development log (masked) or an HTTP gateway (SMS brandname, Zalo OA, e-mail relay).</summary>
public enum NotificationChannelMode
{
    Log = 0,
    Http = 1,
}
