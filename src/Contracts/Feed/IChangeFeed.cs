using DossierTracking.Contracts.Dossiers;

namespace DossierTracking.Contracts.Feed;

/// <summary>
/// One committed change of one dossier, at its place in the feed. <see cref="Entry"/> is the dossier's history entry
/// of <see cref="Version"/>; the codes are the dossier's as they stand now (they never change after creation).
/// It crosses grain boundaries on the change stream (see <c>ChangeStreams</c>).
/// </summary>
[GenerateSerializer, Immutable, Alias("dvc.FeedChange")]
public sealed record FeedChange
{
    /// <summary>The change's place in the feed: positions only grow, in commit order, and are never reused (gaps are possible).</summary>
    [Id(0)] public required long Position { get; init; }
    [Id(1)] public required string ReceiptCode { get; init; }
    [Id(2)] public required long Version { get; init; }
    /// <summary>When the change was written to the database; for changes made before the feed existed, the history entry's time.</summary>
    [Id(3)] public required DateTimeOffset CommittedAt { get; init; }
    /// <summary>The change itself; null only if the dossier's stored state is gone.</summary>
    [Id(4)] public HistoryEntry? Entry { get; init; }
    [Id(5)] public string ProcedureCode { get; init; } = "";
    [Id(6)] public string ReceivingDeskCode { get; init; } = "";
    [Id(7)] public string HandlingAgencyCode { get; init; } = "";
    /// <summary>The change came by import from another system (docs/import.md): old news, not to be announced as new.</summary>
    [Id(8)] public bool Imported { get; init; }
}

/// <summary>A page of the feed, in position order.</summary>
public sealed record FeedPage
{
    public required IReadOnlyList<FeedChange> Changes { get; init; }
    /// <summary>More changes were already committed after the last one of this page.</summary>
    public required bool HasMore { get; init; }

    /// <summary>
    /// Every position at or below this one has been removed by retention (0 when none has). When it is above the
    /// position asked after, the changes in between are gone and the page starts after it.
    /// </summary>
    public long RemovedThrough { get; init; }
}

/// <summary>
/// The change feed: every committed change of every dossier, in commit order, durable (it lives in the database with
/// the dossiers' state). A position once returned is final; a later read never returns a lower one.
/// </summary>
public interface IChangeFeed
{
    /// <summary>Up to <paramref name="limit"/> changes with positions above <paramref name="afterPosition"/>, in order.</summary>
    Task<FeedPage> ReadAsync(long afterPosition, int limit, CancellationToken cancellationToken = default);

    /// <summary>The position of the newest change in the feed (0 when it is empty).</summary>
    Task<long> NewestPositionAsync(CancellationToken cancellationToken = default);
}
