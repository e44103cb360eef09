using DossierTracking.GrpcApi.V1;
using DossierTracking.LoadTests.Measurement;
using DossierTracking.LoadTests.Reporting;
using DossierTracking.LoadTests.Workload;

namespace DossierTracking.LoadTests.Phases;

/// <summary>
/// GetDossier over every submitted dossier, first uniformly, then with a Zipf (s = 1) skew over a random
/// permutation of the codes, so the hot dossiers are spread over desks and days as a real hot set would be.
/// </summary>
public static class LookupPhase
{
    public const double KeySkew = 1.0;
    private const string Operation = "lookup";

    public static async Task RunAsync(RunContext context)
    {
        var submitted = context.RequireSubmitted();
        var present = submitted.Present;
        if (present.Count == 0)
        {
            context.Notes.Add("lookups skipped: no dossier was submitted.");
            return;
        }

        var uniform = await RunAsync(context, "lookup uniform", worker => present[worker.Random.Next(present.Count)]);
        context.AddRow(OperationRow.From(RowKeys.LookupUniform, "lookup uniform", "lookup", uniform.Operation(Operation), uniform.Duration, uniform.Cpu), uniform);
        if (context.Bounds.StopRequested)
        {
            return;
        }

        var permutation = present.ToArray();
        new Random(context.Options.Seed).Shuffle(permutation);
        var hot = WeightedSampler.Zipf(permutation.Length, KeySkew);
        var skewed = await RunAsync(context, "lookup skewed", worker => permutation[hot.Next(worker.Random)]);
        context.AddRow(OperationRow.From(RowKeys.LookupSkewed, "lookup skewed", "lookup", skewed.Operation(Operation), skewed.Duration, skewed.Cpu), skewed);
    }

    private static Task<LoadResult> RunAsync(RunContext context, string title, Func<Worker, int> pick)
    {
        var submitted = context.RequireSubmitted();
        return context.Runner.RunWindowedAsync(title, context.Options.Warmup, context.Options.Measure, long.MaxValue, async (_, worker) =>
        {
            var request = new GetDossierRequest { ReceiptCode = submitted.CodeAt(pick(worker)) };
            await worker.CallAsync(Operation, call => context.Dossiers.GetDossierAsync(request, call));
        });
    }
}
