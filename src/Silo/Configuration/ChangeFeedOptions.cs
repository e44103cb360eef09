namespace DossierTracking.Silo.Configuration;

/// <summary>The change feed's sequencer (PostgreSQL only) and its retention. Section <c>ChangeFeed</c>.</summary>
public sealed class ChangeFeedOptions
{
    public const string Section = "ChangeFeed";

    /// <summary>How often each silo tries to move captured changes into the feed when there was nothing more to move.</summary>
    public TimeSpan MoveInterval { get; set; } = TimeSpan.FromMilliseconds(150);

    /// <summary>The most changes one move takes; a full batch is followed at once by the next.</summary>
    public int MoveBatch { get; set; } = 10_000;

    /// <summary>
    /// How long a change stays in the feed at least. Older changes are removed once every webhook subscription has
    /// passed them; a pull consumer (the national portal's sync) must read within this time. Zero keeps every change.
    /// </summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(90);

    /// <summary>How often each silo looks for changes to remove.</summary>
    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Changes removed per transaction: small, so removal never holds up the writes that add to the feed.</summary>
    public int RetentionBatch { get; set; } = 1000;
}
