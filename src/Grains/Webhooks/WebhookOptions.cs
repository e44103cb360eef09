namespace DossierTracking.Grains.Webhooks;

/// <summary>Webhook delivery (section <c>Webhooks</c>): how often subscriptions look for changes, and how they retry.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>Whether this silo delivers webhooks (its subscriptions are woken and read the feed).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often an idle subscription looks for new changes in the feed.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often each silo wakes every subscription, so one whose silo died is running again within this time.</summary>
    public TimeSpan WakeInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long an endpoint has to answer one delivery.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Attempts at one change before it goes to the dead-letter list and delivery moves on.</summary>
    public int MaxAttempts { get; set; } = 12;

    /// <summary>The wait after the first failed attempt; it doubles with each further failure up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Changes read from the feed at a time.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>
    /// Whether deliveries may go to loopback, private (10/8, 172.16/12, 192.168/16, fc00::/7), carrier-grade NAT and
    /// link-local addresses (169.254/16, the cloud metadata service). Off: an endpoint resolving to one is refused when
    /// connecting, so a subscription cannot be pointed at the silo's own network. On only for a relay on this network.
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>The CloudEvents <c>source</c> of every event: names this deployment (a URI; for example the province's portal address).</summary>
    public string Source { get; set; } = "urn:dvc:dossier-tracking";

    /// <summary>How long one round of delivery may run before the subscription saves its cursor and answers other calls.</summary>
    public TimeSpan RoundBudget { get; set; } = TimeSpan.FromSeconds(2);
}
