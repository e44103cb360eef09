namespace DossierTracking.Contracts.Duties;

/// <summary>What one round of the duty sweep did.</summary>
[GenerateSerializer, Immutable, Alias("dvc.DutySweepReport")]
public sealed record DutySweepReport
{
    /// <summary>Dossiers the round asked (candidates from the due index and rows written before it).</summary>
    [Id(0)] public int Asked { get; init; }
    /// <summary>Duties done (history entries written) by those dossiers.</summary>
    [Id(1)] public int Done { get; init; }
    /// <summary>Rows whose due-index time the round set from the dossier's own answer (older rows, changed settings).</summary>
    [Id(2)] public int Corrected { get; init; }
    /// <summary>Dossiers whose call failed; the next round asks them again.</summary>
    [Id(3)] public int Failed { get; init; }
    /// <summary>Whether the round stopped at its time budget with candidates left.</summary>
    [Id(4)] public bool Cut { get; init; }
}
