namespace DossierTracking.Contracts.Feed;

/// <summary>
/// Names of the change stream: the change feed read by Orleans' pulling agents and published as an Orleans stream.
/// Every committed change goes on one stream, <see cref="Namespace"/>/<see cref="AllKey"/>, in feed order; its
/// sequence token is the change's feed position. Subscribers are grains with an implicit subscription to the namespace.
/// </summary>
public static class ChangeStreams
{
    /// <summary>The stream provider's name (setting <c>Streams:Enabled</c> registers it).</summary>
    public const string Provider = "feed";

    /// <summary>The namespace of the stream of every change.</summary>
    public const string Namespace = "changes";

    /// <summary>The key of the stream of every change: implicit subscribers are activated under this key.</summary>
    public const string AllKey = "all";
}
