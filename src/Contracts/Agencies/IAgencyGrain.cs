using System.Collections.Immutable;
using Orleans.Concurrency;

namespace DossierTracking.Contracts.Agencies;

/// <summary>
/// One agency or receiving desk, keyed by its code, holding the index rows of the dossiers it handles, received or
/// holds now. Fed in batches by each silo's change relay (never on a dossier's write path); rebuilt from the read
/// model when it activates. Figures and queues are computed from those rows at the moment of asking.
/// </summary>
[Alias("dvc.IAgencyGrain")]
public interface IAgencyGrain : IGrainWithStringKey
{
    /// <summary>Applies rows by version: older or repeated rows are ignored.</summary>
    [Alias("Apply")] Task ApplyAsync(ImmutableArray<DossierIndexRow> rows);

    [ReadOnly, Alias("GetFigures")] Task<AgencyFigures> GetFiguresAsync(DateTimeOffset? at = null);

    /// <summary>The most urgent dossiers awaiting action here (due date, then receipt code), and the queue's length.</summary>
    /// <param name="assigneeId">Only the dossiers assigned to this officer; null for the whole queue.</param>
    [ReadOnly, Alias("GetQueue")] Task<AgencyQueue> GetQueueAsync(int limit, string? assigneeId = null);

    /// <summary>Reads the read model again and merges it by version (after a silo died with changes in flight).</summary>
    [Alias("Resync")] Task ResyncAsync();
}

/// <summary>The head of an agency's work queue at <see cref="EvaluatedAt"/>.</summary>
[GenerateSerializer, Immutable, Alias("dvc.AgencyQueue")]
public sealed record AgencyQueue(
    [property: Id(0)] ImmutableArray<DossierIndexRow> Head,
    [property: Id(1)] int Length,
    [property: Id(2)] DateTimeOffset EvaluatedAt);
