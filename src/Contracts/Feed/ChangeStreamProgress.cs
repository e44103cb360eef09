namespace DossierTracking.Contracts.Feed;

/// <summary>What the change stream's tap received since its activation started.</summary>
[GenerateSerializer, Immutable, Alias("dvc.ChangeStreamProgress")]
public sealed record ChangeStreamProgress
{
    /// <summary>The highest position taken (0 when none).</summary>
    [Id(0)] public required long LastPosition { get; init; }

    /// <summary>Changes taken, each position once.</summary>
    [Id(1)] public required long Received { get; init; }

    /// <summary>Deliveries of a position already taken (replays after a restart or a rewind), skipped.</summary>
    [Id(2)] public required long Duplicates { get; init; }

    /// <summary>Changes read from the feed directly, by rewinds.</summary>
    [Id(3)] public required long ReadFromFeed { get; init; }

    /// <summary>The positions taken last, oldest first (at most <c>ChangeStreamTapGrain.KeptPositions</c>).</summary>
    [Id(4)] public required IReadOnlyList<long> RecentPositions { get; init; }
}
