namespace DossierTracking.Silo.Configuration;

/// <summary>The change feed's sequencer (PostgreSQL only). Section <c>ChangeFeed</c>.</summary>
public sealed class ChangeFeedOptions
{
    public const string Section = "ChangeFeed";

    /// <summary>How often each silo tries to move captured changes into the feed when there was nothing more to move.</summary>
    public TimeSpan MoveInterval { get; set; } = TimeSpan.FromMilliseconds(150);

    /// <summary>The most changes one move takes; a full batch is followed at once by the next.</summary>
    public int MoveBatch { get; set; } = 10_000;
}
