using DossierTracking.LoadTests.Measurement;

namespace DossierTracking.LoadTests.Reporting;

/// <summary>One line of the results table: an operation's calls, rate, latency percentiles, server CPU and errors.</summary>
public sealed record OperationRow
{
    /// <summary>Stable identifier for tooling that reads the JSON (e.g. "lookup-uniform").</summary>
    public required string Key { get; init; }
    public required string Operation { get; init; }
    public required string Phase { get; init; }
    public required long Calls { get; init; }
    public required long Succeeded { get; init; }
    public required long Errors { get; init; }
    public required IReadOnlyDictionary<string, long> ErrorsByKind { get; init; }
    public required double DurationSeconds { get; init; }

    /// <summary>Successful calls per second over <see cref="DurationSeconds"/>: fast failures do not count as throughput.</summary>
    public required double? RatePerSecond { get; init; }
    public required double? P50Ms { get; init; }
    public required double? P95Ms { get; init; }
    public required double? P99Ms { get; init; }
    public required double? P999Ms { get; init; }
    public required double? MaxMs { get; init; }
    public required double? MeanMs { get; init; }
    public double? ServerCpuMicrosPerCall { get; init; }
    public string? ServerCpuSource { get; init; }
    public double? ServerCpuFromStatsMicrosPerCall { get; init; }
    public double? ServerCpuFromProcMicrosPerCall { get; init; }

    /// <summary>The silo's CPU time over the measured window (summed over the slices), by the preferred source.</summary>
    public double? ServerCpuSeconds { get; init; }

    /// <summary>
    /// CPU time of PostgreSQL's processes (postmaster, backends, background workers) per call over the same window;
    /// null when the server does not run on this machine or no --pg-connection was given.
    /// </summary>
    public double? PostgresCpuMicrosPerCall { get; init; }

    /// <summary>WAL generated per call over the window, by the whole cluster (the relay, feed and audit included).</summary>
    public double? WalBytesPerCall { get; init; }

    /// <summary>Statements executed per call, from pg_stat_statements (BEGIN and COMMIT count); null when not loaded.</summary>
    public double? StatementsPerCall { get; init; }

    /// <summary>Transactions ended per call, from pg_stat_database (its counters trail by up to a second).</summary>
    public double? TransactionsPerCall { get; init; }

    /// <summary>
    /// For a ceiling or target measured in alternating slices: each slice's rate, in the order they ran, so drift
    /// over the run shows; null for the other rows.
    /// </summary>
    public IReadOnlyList<double>? SliceRatesPerSecond { get; init; }

    /// <summary>Each slice's measured window, alongside <see cref="SliceRatesPerSecond"/> (a slice cut short shows here).</summary>
    public IReadOnlyList<double>? SliceDurationsSeconds { get; init; }

    /// <summary>
    /// The row this one is compared with (echo for lookups, upsert for accept and submit), and the ratios to it: rate
    /// and p99 for lookups; rate, silo CPU per call and WAL per call for writes.
    /// </summary>
    public string? CeilingKey { get; init; }
    public double? RateVsCeiling { get; init; }
    public double? P99VsCeiling { get; init; }
    public double? ServerCpuVsCeiling { get; init; }
    public double? WalVsCeiling { get; init; }
    public bool IsCeiling { get; init; }
    public string? Note { get; init; }

    public static OperationRow From(string key, string operation, string phase, OperationStats stats, TimeSpan duration, CpuCost? cpu, PostgresCost? database = null) => new()
    {
        Key = key,
        Operation = operation,
        Phase = phase,
        Calls = stats.Calls,
        Succeeded = stats.Succeeded,
        Errors = stats.ErrorCount,
        ErrorsByKind = new SortedDictionary<string, long>(stats.Errors.ToDictionary(), StringComparer.Ordinal),
        DurationSeconds = duration.TotalSeconds,
        RatePerSecond = duration > TimeSpan.Zero ? stats.Succeeded / duration.TotalSeconds : null,
        P50Ms = stats.PercentileMs(50),
        P95Ms = stats.PercentileMs(95),
        P99Ms = stats.PercentileMs(99),
        P999Ms = stats.PercentileMs(99.9),
        MaxMs = stats.MaxMs,
        MeanMs = stats.MeanMs,
        ServerCpuMicrosPerCall = cpu?.MicrosPerCall,
        ServerCpuSource = cpu?.Source,
        ServerCpuFromStatsMicrosPerCall = cpu?.StatsMicrosPerCall,
        ServerCpuFromProcMicrosPerCall = cpu?.ProcMicrosPerCall,
        ServerCpuSeconds = cpu?.CpuSeconds,
        PostgresCpuMicrosPerCall = database?.CpuMicrosPerCall,
        WalBytesPerCall = database?.WalBytesPerCall,
        StatementsPerCall = database?.StatementsPerCall,
        TransactionsPerCall = database?.TransactionsPerCall,
    };

    /// <summary>An operation's slices merged into one row, with the rate of each.</summary>
    public static OperationRow FromSlices(string key, string operation, string phase, SlicedOperation slices) =>
        From(key, operation, phase, slices.Stats, slices.Duration, slices.Cpu, slices.Database) with
        {
            SliceRatesPerSecond = slices.SliceRates.ToArray(),
            SliceDurationsSeconds = slices.SliceDurations.Select(d => d.TotalSeconds).ToArray(),
        };
}
