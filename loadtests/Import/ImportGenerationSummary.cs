namespace DossierTracking.LoadTests.Import;

/// <summary>What generate-import wrote: the counts the benchmark checks the silo's report against, and the shape of the data.</summary>
public sealed record ImportGenerationSummary
{
    public required long Total { get; init; }

    /// <summary>Dossiers submitted in January-October 2020 (local dates): the year 2020's online receipts in the report.</summary>
    public required long In2020 { get; init; }

    /// <summary>Dossiers per state today (schema names).</summary>
    public required IReadOnlyDictionary<string, long> ByState { get; init; }

    /// <summary>Dossiers per level of the receiving desk (Province, District, Commune).</summary>
    public required IReadOnlyDictionary<string, long> ByLevel { get; init; }

    /// <summary>The busiest desks, most dossiers first, at most ten.</summary>
    public required IReadOnlyList<KeyValuePair<string, long>> TopDesks { get; init; }

    public required long RefusedResults { get; init; }
    public required long Bytes { get; init; }
    public required DateTime FirstSubmitted { get; init; }
    public required DateTime LastSubmitted { get; init; }

    /// <summary>The latest moment of any history entry (local time): the file holds nothing after it.</summary>
    public required DateTime LastEvent { get; init; }
}
