using DossierTracking.LoadTests.Reporting;
using DossierTracking.LoadTests.Workload;

namespace DossierTracking.LoadTests.Phases;

/// <summary>
/// Submits the whole plan through the portal's SubmitDossier, keeping each receipt code and its desk. Reported as a
/// whole (cold start included): the question is whether a province's four years of online dossiers all go in, at a
/// rate that is a fair share of what the storage itself takes (the raw upsert ceiling of the same run).
/// </summary>
public static class SubmitPhase
{
    private const string Operation = "submit";

    public static async Task RunAsync(RunContext context)
    {
        var options = context.Options;
        var plan = context.Workload.Plan(options.Dossiers, options.Seed);
        var submitted = new SubmittedDossiers(plan.Length);
        context.Plan = plan;
        var result = await context.Runner.RunCountedAsync("submit", plan.Length, async (index, worker) =>
        {
            var request = context.Workload.ToRequest(plan[index], $"lt-{context.RunId}-{index}");
            var reply = await worker.CallAsync(Operation, call => context.Dossiers.SubmitDossierAsync(request, call));
            if (reply is null)
            {
                return;
            }

            // The desk officer who accepts it later must act for the desk named in the code.
            var desk = ReceiptCodes.DeskOf(reply.ReceiptCode);
            if (desk != request.ReceivingDeskCode)
            {
                worker.RecordProblem(Operation, "DeskNotInReceiptCode");
            }

            submitted.Record(index, reply.ReceiptCode, desk);
        });

        context.Submitted = submitted;
        context.AddRow(OperationRow.From(RowKeys.Submit, "submit (whole phase)", "submit", result.Operation(Operation), result.Duration, result.Cpu, result.Database), result);
        context.SubmitSummary = new SubmitSummary
        {
            Planned = plan.Length,
            Accepted = submitted.Present.Count,
            WallSeconds = result.Duration.TotalSeconds,
        };
        if (result.Stopped)
        {
            context.Notes.Add($"submit stopped early: {submitted.Present.Count:N0} of {plan.Length:N0} dossiers submitted.");
        }
    }
}
