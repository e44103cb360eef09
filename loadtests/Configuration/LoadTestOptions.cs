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

    /// <summary>Into how many alternating slices each ceiling's and target's <see cref="MeasureSeconds"/> are cut.</summary>
    public required int Slices { get; init; }

    public required int Lifecycle { get; init; }
    public required int Cold { get; init; }

    /// <summary>Dossiers the hot-agency phase submits, all to one procedure of one department.</summary>
    public required int HotAgencyDossiers { get; init; }
    /// <summary>Webhook subscriptions active from the write group on (0: none).</summary>
    public int Webhooks { get; init; }
    /// <summary>The silo's Prometheus endpoint, read after the run for the relay's and the stream's lag (null: not read).</summary>
    public Uri? Metrics { get; init; }

    /// <summary>
    /// A direct connection to the silo's PostgreSQL, for the database columns (null: not measured). Left out of the
    /// JSON: it may hold a password; the report names the server instead.
    /// </summary>
    [JsonIgnore]
    public string? PostgresConnection { get; init; }

    /// <summary>The cluster's other silos on this machine, whose CPU counts with the target's (empty: one silo).</summary>
    public IReadOnlyList<int> OtherSiloProcessIds { get; init; } = [];

    public required IReadOnlySet<Phase> Phases { get; init; }
    public required string OutputDirectory { get; init; }
    public required double MaxMinutes { get; init; }
    public required int Seed { get; init; }

    // The derived values below are left out of the JSON report: it already holds the numbers they come from.
    [JsonIgnore]
    public TimeSpan Warmup => TimeSpan.FromSeconds(WarmupSeconds);

    [JsonIgnore]
    public TimeSpan Measure => TimeSpan.FromSeconds(MeasureSeconds);

    /// <summary>The measured time of one slice; the slices of an operation add up to <see cref="Measure"/>.</summary>
    [JsonIgnore]
    public TimeSpan SliceLength => Measure / Slices;

    [JsonIgnore]
    public TimeSpan TimeBound => TimeSpan.FromMinutes(MaxMinutes);

    [JsonIgnore]
    public bool IsSmokeSized => WarmupSeconds < MinimumRealWarmupSeconds;

    public bool Runs(Phase phase) => Phases.Contains(phase);

    /// <summary>
    /// Every phase but hot-agency works on submitted dossiers (the write group too: its accepts do, and its upsert
    /// ceiling is measured in turns with them), so submit runs whenever one of them is asked for.
    /// </summary>
    [JsonIgnore]
    public bool NeedsDossiers => Phases.Any(NeedsSubmitted);

    /// <summary>Whether a phase works on the submit phase's dossiers; hot-agency submits its own.</summary>
    public static bool NeedsSubmitted(Phase phase) => phase is not (Phase.Submit or Phase.HotAgency);
}
