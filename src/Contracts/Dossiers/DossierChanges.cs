using System.Collections.Immutable;

namespace DossierTracking.Contracts.Dossiers;

/// <summary>Committed changes of a dossier after a version, with its version and state now; or why there are none.</summary>
[GenerateSerializer, Immutable, Alias("dvc.DossierChanges")]
public sealed record DossierChanges
{
    [Id(0)] public ImmutableArray<HistoryEntry> Entries { get; init; } = [];
    [Id(1)] public long Version { get; init; }
    [Id(2)] public DossierState State { get; init; }
    [Id(3)] public Failure? Failure { get; init; }
    /// <summary>The dossier is in a terminal state: no lifecycle change follows.</summary>
    [Id(4)] public bool Terminal { get; init; }
}
