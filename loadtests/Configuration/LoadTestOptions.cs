using System.Text.Json.Serialization;

namespace DossierTracking.LoadTests.Configuration;

/// <summary>The validated settings of one run; everything the phases read and the report repeats.</summary>
public sealed record LoadTestOptions
{
    /// <summary>Below this the tiered JIT has not settled on this machine (6-16 s measured), so numbers are smoke-only.</summary>
    public const int MinimumRealWarmupSeconds = 15;

    public required Uri Target { get; init; }
    public required int Dossiers { get; init; }
    public required int Concurrency { get; init; }
    public required int WarmupSeconds { get; init; }
    public required int MeasureSeconds { get; init; }
    public required int Lifecycle { get; init; }
    public required int Cold { get; init; }
    public required IReadOnlySet<Phase> Phases { get; init; }
    public required string OutputDirectory { get; init; }
    public required double MaxMinutes { get; init; }
    public required int Seed { get; init; }

    // The derived values below are left out of the JSON report: it already holds the numbers they come from.
    [JsonIgnore]
    public TimeSpan Warmup => TimeSpan.FromSeconds(WarmupSeconds);

    [JsonIgnore]
    public TimeSpan Measure => TimeSpan.FromSeconds(MeasureSeconds);

    [JsonIgnore]
    public TimeSpan TimeBound => TimeSpan.FromMinutes(MaxMinutes);

    [JsonIgnore]
    public bool IsSmokeSized => WarmupSeconds < MinimumRealWarmupSeconds;

    public bool Runs(Phase phase) => Phases.Contains(phase);

    /// <summary>Every phase but upsert works on submitted dossiers, so submit runs whenever one of them is asked for.</summary>
    [JsonIgnore]
    public bool NeedsDossiers => Phases.Any(p => p != Phase.Upsert);
}
