namespace DossierTracking.LoadTests.Import;

/// <summary>
/// One pass of a file through ImportDossiers: what was sent, the silo's last running totals, the first refused lines,
/// how long it took from the first message to the last answer, and the silo's CPU in that time.
/// </summary>
public sealed record ImportRunResult
{
    public required string Name { get; init; }
    public required long LinesSent { get; init; }
    public required long Messages { get; init; }
    public required long LinesDone { get; init; }
    public required long Imported { get; init; }
    public required long AlreadyImported { get; init; }
    public required long Refused { get; init; }
    public required bool Stopped { get; init; }
    public required bool Finished { get; init; }
    public required double Seconds { get; init; }

    /// <summary>Online dossiers of 2020 among the lines sent (what the 2020 report must count).</summary>
    public required long Online2020 { get; init; }

    /// <summary>The first refused lines the silo reported (at most 20): line, field, code, message.</summary>
    public required IReadOnlyList<string> Problems { get; init; }

    /// <summary>Server CPU from the first message to the last answer, over the lines done.</summary>
    public Measurement.CpuCost? Cpu { get; init; }

    public double DossiersPerSecond => Seconds > 0 ? LinesDone / Seconds : 0;
}
