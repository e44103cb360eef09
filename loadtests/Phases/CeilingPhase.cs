using DossierTracking.GrpcApi.Probe;
using DossierTracking.LoadTests.Reporting;

namespace DossierTracking.LoadTests.Phases;

/// <summary>
/// The lookup ceiling: Echo answers with a prebuilt copy of a real dossier, so it costs what the gRPC endpoint
/// costs for a message of that size and nothing else.
/// </summary>
public static class CeilingPhase
{
    private const string Operation = "echo";

    public static async Task RunAsync(RunContext context)
    {
        var template = context.RequireSubmitted().FirstCode;
        if (template is null)
        {
            context.Notes.Add("echo ceiling skipped: no dossier was submitted to use as its template.");
            return;
        }

        var request = new EchoRequest { TemplateReceiptCode = template };
        var result = await context.Runner.RunWindowedAsync("echo ceiling", context.Options.Warmup, context.Options.Measure, long.MaxValue,
            async (_, worker) => await worker.CallAsync(Operation, call => context.Probe.EchoAsync(request, call)));
        context.AddRow(OperationRow.From(RowKeys.Echo, "echo ceiling", "ceiling", result.Operation(Operation), result.Duration, result.Cpu), result);
    }
}
