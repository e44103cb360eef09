using DossierTracking.LoadTests.Configuration;

namespace DossierTracking.LoadTests.Reporting;

/// <summary>Everything one run measured, as written to results-*.json and rendered to Markdown and the console.</summary>
public sealed record RunReport
{
    public required string RunId { get; init; }
    public required DateTimeOffset StartedAtUtc { get; init; }
    public required DateTimeOffset FinishedAtUtc { get; init; }

    /// <summary>Null when every selected phase ran to its end; otherwise why the run stopped early.</summary>
    public required string? StoppedEarly { get; init; }

    public required LoadTestOptions Settings { get; init; }

    /// <summary>The slices the ceilings and their targets were measured in (whether or not those groups ran).</summary>
    public required SlicingSummary Slicing { get; init; }

    public required MachineInfo Machine { get; init; }
    public required SiloInfo Silo { get; init; }

    /// <summary>The PostgreSQL server the database columns come from; null when not measured (no --pg-connection).</summary>
    public required PostgresInfo? Postgres { get; init; }
    public required WorkloadSummary Workload { get; init; }
    public required IReadOnlyList<PhaseOutcome> Phases { get; init; }
    public required IReadOnlyList<OperationRow> Operations { get; init; }
    public required SubmitSummary? Submit { get; init; }
    public required MemoryReport? Memory { get; init; }

    /// <summary>The hot-agency phase's figures: backlog, catch-up and every figures read; null when it did not run.</summary>
    public required HotAgencySummary? HotAgency { get; init; }

    /// <summary>Attempts the channel's retry policy sent again (each call still counts once in its row).</summary>
    public required RetrySummary Retries { get; init; }

    public required IReadOnlyList<TargetResult> Targets { get; init; }
    public required IReadOnlyList<string> Notes { get; init; }

    public OperationRow? Row(string key) => Operations.FirstOrDefault(r => r.Key == key);
}
