using DossierTracking.GrpcApi.Probe;
using DossierTracking.GrpcApi.V1;
using DossierTracking.LoadTests.Measurement;
using DossierTracking.LoadTests.Reporting;
using DossierTracking.LoadTests.Workload;

namespace DossierTracking.LoadTests.Phases;

/// <summary>
/// GetDossier against its ceiling, in alternating slices (echo, lookup uniform, lookup skewed, echo, ...) so all
/// three see the same conditions. The ceiling, Echo, answers with a prebuilt copy of a real dossier: it costs what
/// the gRPC endpoint costs for a message of that size and nothing else. The lookups read every submitted dossier,
/// uniformly, and with a Zipf (s = 1) skew over a random permutation of the codes, so the hot dossiers are spread
/// over desks and days as a real hot set would be.
/// </summary>
public static class LookupGroupPhase
{
    public const double KeySkew = 1.0;
    private const string EchoOperation = "echo";
    private const string LookupOperation = "lookup";

    public static async Task RunAsync(RunContext context)
    {
        var submitted = context.RequireSubmitted();
        var present = submitted.Present;
        if (submitted.FirstCode is not { } template)
        {
            context.Notes.Add("lookup group skipped: no dossier was submitted (to look up, or as the echo's template).");
            return;
        }

        var echoRequest = new EchoRequest { TemplateReceiptCode = template };
        var echo = new SlicedOperation("echo ceiling", EchoOperation, long.MaxValue,
            async (_, worker) => await worker.CallAsync(EchoOperation, call => context.Probe.EchoAsync(echoRequest, call)));

        var permutation = present.ToArray();
        new Random(context.Options.Seed).Shuffle(permutation);
        var hot = WeightedSampler.Zipf(permutation.Length, KeySkew);
        var uniform = Lookup(context, "lookup uniform", worker => present[worker.Random.Next(present.Count)]);
        var skewed = Lookup(context, "lookup skewed", worker => permutation[hot.Next(worker.Random)]);

        await context.RunSlicesAsync([echo, uniform, skewed]);
        context.AddSlicedRow(OperationRow.FromSlices(RowKeys.Echo, "echo ceiling", "ceiling", echo));
        context.AddSlicedRow(OperationRow.FromSlices(RowKeys.LookupUniform, "lookup uniform", "lookup", uniform));
        context.AddSlicedRow(OperationRow.FromSlices(RowKeys.LookupSkewed, "lookup skewed", "lookup", skewed));
    }

    private static SlicedOperation Lookup(RunContext context, string title, Func<Worker, int> pick)
    {
        var submitted = context.RequireSubmitted();
        return new SlicedOperation(title, LookupOperation, long.MaxValue, async (_, worker) =>
        {
            var request = new GetDossierRequest { ReceiptCode = submitted.CodeAt(pick(worker)) };
            await worker.CallAsync(LookupOperation, call => context.Dossiers.GetDossierAsync(request, call));
        });
    }
}
