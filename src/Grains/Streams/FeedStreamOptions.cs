namespace DossierTracking.Grains.Streams;

/// <summary>The change stream: the change feed published as an Orleans persistent stream. Section <c>Streams</c>.</summary>
public sealed class FeedStreamOptions
{
    public const string Section = "Streams";

    /// <summary>Registers the stream provider and its subscribers. Off: nothing reads the feed for streams.</summary>
    public bool Enabled { get; set; }

    /// <summary>How often the pulling agent reads the feed when the last read found nothing more.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The most changes one read of the feed takes.</summary>
    public int ReadBatch { get; set; } = 500;

    /// <summary>
    /// Changes the stream keeps in memory after delivering them: a subscriber rewinds through the cache within it and
    /// reads the feed itself before it. A full cache (a slow subscriber) pauses reading.
    /// </summary>
    public int CacheSize { get; set; } = 4096;

    /// <summary>How often at most the delivered position is saved; a restart replays at most the changes after it.</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(1);
}
