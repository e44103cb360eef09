namespace DossierTracking.Contracts.Feed;

/// <summary>
/// The cluster's own subscriber to the change stream: it measures the stream's lag (commit to receipt) and keeps the
/// positions it received last, for operators and tests. Keyed by <see cref="ChangeStreams.AllKey"/>.
/// </summary>
public interface IChangeStreamTapGrain : IGrainWithStringKey
{
    /// <summary>What this activation received since it started (it keeps no state across activations).</summary>
    Task<ChangeStreamProgress> ProgressAsync();

    /// <summary>
    /// Takes again every change after <paramref name="afterPosition"/>, read from the feed itself, then goes on with the
    /// stream (changes it delivers again are skipped by position).
    /// </summary>
    Task RewindAsync(long afterPosition);
}
