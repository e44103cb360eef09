using System.Diagnostics;
using DossierTracking.GrpcApi.Probe;
using DossierTracking.GrpcApi.V1;
using DossierTracking.LoadTests.Reporting;
using Grpc.Core;

namespace DossierTracking.LoadTests.Phases;

/// <summary>
/// Lookups that must load from the database: every idle grain is released first, then random dossiers the
/// lifecycle did not just touch are read once each. Their ceiling follows: the probe's raw select reads the stored rows
/// of as many other such dossiers, by key and without a grain, and answers with the echo's message. The two sets are
/// drawn from the same dossiers; rows that share a page with one the lookups read may be in the database's cache by
/// then, which can only favour the ceiling, never the lookups.
/// </summary>
public static class ColdPhase
{
    public const long ActivationThreshold = 1_000;
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);
    private const string Operation = "cold lookup";
    private const string SelectOperation = "select";

    public static async Task RunAsync(RunContext context)
    {
        var submitted = context.RequireSubmitted();
        var released = await context.Probe.ReleaseAllAsync(new ReleaseAllRequest(), Deadline(context, TimeSpan.FromMinutes(2)));
        var waited = Stopwatch.StartNew();
        long activations;
        while (true)
        {
            var stats = await context.Probe.GetStatsAsync(new StatsRequest(), Deadline(context, TimeSpan.FromSeconds(60)));
            activations = MemoryPhase.DossierActivations(stats);
            if (activations < ActivationThreshold || waited.Elapsed >= MaxWait || context.Bounds.StopRequested)
            {
                break;
            }

            await Task.Delay(PollInterval, context.Bounds.Stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        context.Notes.Add($"cold: ReleaseAll saw {released.ActivationsBefore:N0} activations; {activations:N0} dossier activations were left after {waited.Elapsed.TotalSeconds:N1} s"
            + (activations < ActivationThreshold ? "." : $" (not under {ActivationThreshold:N0} within {MaxWait.TotalSeconds:N0} s: some lookups may be warm)."));
        if (context.Bounds.StopRequested)
        {
            return;
        }

        var candidates = submitted.Present.Where(i => !submitted.IsInLifecycle(i)).ToArray();
        new Random(context.Options.Seed + 1).Shuffle(candidates);
        var count = Math.Min(context.Options.Cold, candidates.Length);
        if (count < context.Options.Cold)
        {
            context.Notes.Add($"cold: only {count:N0} dossiers outside the lifecycle were available of {context.Options.Cold:N0} asked.");
        }

        var result = await context.Runner.RunCountedAsync("cold lookup", count, async (k, worker) =>
        {
            var request = new GetDossierRequest { ReceiptCode = submitted.CodeAt(candidates[k]) };
            await worker.CallAsync(Operation, call => context.Dossiers.GetDossierAsync(request, call));
        });
        context.AddRow(OperationRow.From(RowKeys.Cold, "cold lookup", "cold", result.Operation(Operation), result.Duration, result.Cpu, result.Database), result);

        var selects = Math.Min(count, candidates.Length - count);
        if (selects > 0 && submitted.FirstCode is { } template)
        {
            var ceiling = await context.Runner.RunCountedAsync("select ceiling", selects, async (k, worker) =>
            {
                var request = new SelectRequest { ReceiptCode = submitted.CodeAt(candidates[count + (int)k]), TemplateReceiptCode = template };
                await worker.CallAsync(SelectOperation, call => context.Probe.SelectAsync(request, call));
            });
            context.AddRow(OperationRow.From(RowKeys.Select, "select ceiling", "ceiling", ceiling.Operation(SelectOperation), ceiling.Duration, ceiling.Cpu,
                ceiling.Database), ceiling);
        }
        else
        {
            context.Notes.Add("cold: no dossiers left for the raw-select ceiling (it reads other dossiers than the cold lookups); submit more (--dossiers).");
        }
    }

    private static CallOptions Deadline(RunContext context, TimeSpan timeout) =>
        new(deadline: DateTime.UtcNow + timeout, cancellationToken: context.Bounds.Abort);
}
