namespace DossierTracking.Grains.Notifications;

/// <summary>Notifications to applicants (section <c>Notifications</c>): the channel, the templates and how messages are retried.</summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    /// <summary>Whether this silo runs the dispatcher (reads the feed and sends). Off: nothing is recorded or sent.</summary>
    public bool Enabled { get; set; } = true;

    public NotificationChannelMode Channel { get; set; } = NotificationChannelMode.Log;

    public NotificationHttpOptions Http { get; set; } = new();

    /// <summary>The templates file; empty means notification-templates.json next to the binary.</summary>
    public string TemplatesPath { get; set; } = "";

    /// <summary>Attempts at one message before it is marked FAILED and not tried again.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The wait after the first failed attempt; it doubles with each further failure up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How often the dispatcher looks for new changes and for messages due for another attempt.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often each silo wakes the dispatcher, so it runs again within this time after its silo died.</summary>
    public TimeSpan WakeInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Changes read from the feed, and messages sent, per batch.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>How long one round may run before the dispatcher answers other calls.</summary>
    public TimeSpan RoundBudget { get; set; } = TimeSpan.FromSeconds(5);
}
