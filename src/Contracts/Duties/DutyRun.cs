using DossierTracking.Contracts.Dossiers;

namespace DossierTracking.Contracts.Duties;

/// <summary>A dossier's answer to the duty sweep: what it did, and from when it owes the next duty.</summary>
[GenerateSerializer, Immutable, Alias("dvc.DutyRun")]
public sealed record DutyRun
{
    /// <summary>False when no dossier has this receipt code.</summary>
    [Id(0)] public required bool Exists { get; init; }
    /// <summary>The history actions written now, in order (one version each).</summary>
    [Id(1)] public IReadOnlyList<DossierAction> Done { get; init; } = [];
    /// <summary>The dossier's version after the run.</summary>
    [Id(2)] public long Version { get; init; }
    /// <summary>From when the dossier owes its next duty (what its read-model row should say); null when it owes none it can do.</summary>
    [Id(3)] public DateTimeOffset? NextDutyAt { get; init; }

    public static DutyRun Missing { get; } = new() { Exists = false };
}
