namespace DossierTracking.LoadTests.Reporting;

/// <summary>The silo's memory before the dossiers were submitted and after, per active dossier grain.</summary>
public sealed record MemoryReport
{
    public const double TargetKbPerDossier = 4;

    public required long ManagedHeapBeforeBytes { get; init; }
    public required long ManagedHeapAfterBytes { get; init; }
    public required long WorkingSetBeforeBytes { get; init; }
    public required long WorkingSetAfterBytes { get; init; }
    /// <summary>Dossier grains active at the baseline: zero on a fresh silo, not on one that served an earlier run.</summary>
    public required long DossierActivationsBefore { get; init; }

    public required long DossierActivations { get; init; }

    /// <summary>The dossiers the memory growth is shared among: those activated since the baseline.</summary>
    public long DossierActivationsAdded => DossierActivations - DossierActivationsBefore;

    /// <summary>
    /// Every other grain type still active (receipt sequences, intake workers, runtime grains); their memory is in
    /// the same heap, so the per-dossier figures include it.
    /// </summary>
    public required IReadOnlyDictionary<string, long> OtherActivations { get; init; }

    public double? ManagedKbPerDossier => PerDossierKb(ManagedHeapAfterBytes - ManagedHeapBeforeBytes);

    public double? WorkingSetKbPerDossier => PerDossierKb(WorkingSetAfterBytes - WorkingSetBeforeBytes);

    private double? PerDossierKb(long bytes) => DossierActivationsAdded > 0 ? bytes / 1024.0 / DossierActivationsAdded : null;
}
