using System.Globalization;
using DossierTracking.GrpcApi.Probe;
using DossierTracking.LoadTests.Reporting;
using Grpc.Core;

namespace DossierTracking.LoadTests.Phases;

/// <summary>
/// The write ceiling: one durable upsert of a row the size of a stored dossier, straight through the storage
/// driver, over 100,000 keys. A transition cannot beat it: it is at least this write.
/// </summary>
public static class UpsertPhase
{
    public const int KeySpace = 100_000;
    private const int MaxPayloadBytes = 1_000_000;
    private const string Operation = "upsert";

    public static async Task RunAsync(RunContext context)
    {
        // Measured just before: the rows grow as dossiers gain history, and the ceiling must write the same size.
        var stats = await context.Probe.GetStatsAsync(
            new StatsRequest(),
            new CallOptions(deadline: DateTime.UtcNow.AddSeconds(60), cancellationToken: context.Bounds.Abort));
        var payload = (int)Math.Clamp(stats.AverageDossierRowBytes, 0, MaxPayloadBytes);
        var result = await context.Runner.RunWindowedAsync("upsert ceiling", context.Options.Warmup, context.Options.Measure, long.MaxValue,
            async (index, worker) =>
            {
                var request = new UpsertRequest
                {
                    Key = string.Create(CultureInfo.InvariantCulture, $"probe-{index % KeySpace}"),
                    PayloadBytes = payload,
                };
                await worker.CallAsync(Operation, call => context.Probe.UpsertAsync(request, call));
            });
        var row = OperationRow.From(RowKeys.Upsert, "upsert ceiling", "upsert", result.Operation(Operation), result.Duration, result.Cpu) with
        {
            Note = $"payload {payload:N0} bytes (average stored dossier row)",
        };
        context.AddRow(row, result);
    }
}
