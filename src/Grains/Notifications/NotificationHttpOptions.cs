namespace DossierTracking.Grains.Notifications;

/// <summary>The HTTP gateway of <c>Notifications:Http</c>.</summary>
public sealed class NotificationHttpOptions
{
    /// <summary>The gateway's send endpoint (https, or http to a loopback relay).</summary>
    public string Url { get; set; } = "";

    /// <summary>The key sent in <see cref="ApiKeyHeader"/>; a secret: never logged. Set it from the environment or a secret store.</summary>
    public string ApiKey { get; set; } = "";

    public string ApiKeyHeader { get; set; } = "X-Api-Key";

    /// <summary>How long the gateway has to answer one message.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
