namespace DossierTracking.LoadTests.Import;

/// <summary>The import benchmark's settings, checked by the command line.</summary>
public sealed record ImportBenchmarkOptions
{
    public required Uri Target { get; init; }

    /// <summary>The file to import; null to generate one of <see cref="Dossiers"/> lines with <see cref="Seed"/>.</summary>
    public string? File { get; init; }

    public required int Dossiers { get; init; }
    public required int Seed { get; init; }

    /// <summary>The old system's name sent with the first message (the key of idempotency with each source_id).</summary>
    public required string Source { get; init; }

    /// <summary>Lines per request message.</summary>
    public required int Batch { get; init; }

    /// <summary>Request messages sent and not yet answered, at most.</summary>
    public required int Window { get; init; }

    /// <summary>Lines of the file imported a second time, to see them counted as already there; 0 for none.</summary>
    public required int Repeat { get; init; }

    /// <summary>How long to wait for the 2020 report to count every imported dossier (the read model is fed asynchronously).</summary>
    public required int ReportWaitSeconds { get; init; }

    /// <summary>Where a generated file goes (and is deleted from afterwards).</summary>
    public required string WorkDirectory { get; init; }

    public required string OutputDirectory { get; init; }
}
