namespace DossierTracking.Contracts.Feed;

/// <summary>
/// The durable position of one queue of the change stream: every change at or below it was delivered to every
/// subscriber. A pulling agent starts after it, so a silo's restart or death replays changes but never skips one.
/// Keyed by the queue's name.
/// </summary>
public interface IFeedStreamCheckpointGrain : IGrainWithStringKey
{
    /// <summary>The saved position, or null when none was ever saved (the queue starts at the feed's newest change).</summary>
    Task<long?> ReadAsync();

    /// <summary>Saves <paramref name="position"/> unless a higher one is saved already.</summary>
    Task SaveAsync(long position);
}
