using DossierTracking.GrpcApi.Probe;
using DossierTracking.GrpcApi.V1;
using DossierTracking.LoadTests.Configuration;
using DossierTracking.LoadTests.Measurement;
using DossierTracking.LoadTests.Reporting;
using DossierTracking.LoadTests.Workload;

namespace DossierTracking.LoadTests.Phases;

/// <summary>What the phases share: settings, clients on the one channel, the runner, and the results so far.</summary>
public sealed class RunContext
{
    public required LoadTestOptions Options { get; init; }
    public required string RunId { get; init; }
    public required DossierService.DossierServiceClient Dossiers { get; init; }
    public required AgencyService.AgencyServiceClient Agencies { get; init; }
    public required ProbeService.ProbeServiceClient Probe { get; init; }
    public required LoadRunner Runner { get; init; }
    public required RunBounds Bounds { get; init; }
    public required WorkloadModel Workload { get; init; }

    /// <summary>GetStats(collect_garbage) before anything was submitted: the memory baseline.</summary>
    public required StatsReply Baseline { get; init; }

    /// <summary>The seeded plan the submit phase sent, kept for the workload summary.</summary>
    public PlannedDossier[]? Plan { get; set; }

    public SubmittedDossiers? Submitted { get; set; }
    public SubmitSummary? SubmitSummary { get; set; }
    public MemoryReport? Memory { get; set; }
    public HotAgencySummary? HotAgency { get; set; }

    /// <summary>The first submission index the write group's accepts did not touch: where the lifecycle accepts more if it must.</summary>
    public long FirstUntouched { get; set; }

    public List<OperationRow> Rows { get; } = [];
    public List<string> Notes { get; } = [];

    /// <summary>Adds a phase's row, unless the run's bound stopped the phase before it measured anything.</summary>
    public void AddRow(OperationRow row, LoadResult result) => AddRow(row, result.Stopped);

    /// <summary>Adds the row of an operation measured in slices, unless the run's bound stopped it before its first.</summary>
    public void AddSlicedRow(OperationRow row) => AddRow(row, Bounds.StopRequested);

    /// <summary>Measures a ceiling and its targets in alternating slices, with the run's warm-up, measure and slices.</summary>
    public Task RunSlicesAsync(IReadOnlyList<SlicedOperation> operations) =>
        AlternatingSlices.RunAsync(Runner, Bounds, operations, Options.Slices, Options.Warmup, Options.SliceLength);

    private void AddRow(OperationRow row, bool stopped)
    {
        if (stopped && row.Calls == 0)
        {
            Notes.Add($"{row.Operation}: stopped before anything was measured.");
            return;
        }

        Rows.Add(row);
    }

    public SubmittedDossiers RequireSubmitted() =>
        Submitted ?? throw new InvalidOperationException("This phase needs the submit phase's dossiers.");
}
