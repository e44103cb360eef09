using System.Globalization;
using DossierTracking.GrpcApi.Probe;
using DossierTracking.GrpcApi.V1;
using DossierTracking.LoadTests.Measurement;
using DossierTracking.LoadTests.Reporting;
using Grpc.Core;

namespace DossierTracking.LoadTests.Phases;

/// <summary>
/// The cheapest real transition against its ceiling, in alternating slices (upsert, accept, upsert, ...) so both see
/// the same conditions. The ceiling is one durable upsert of a row the size of a stored dossier, straight through the
/// storage driver, over 100,000 keys: a transition cannot beat it, it is at least this write. The transition is the
/// desk accepting online dossiers (1 → 2), in submission order, each at most once over all slices and warm-ups, so
/// every call is a grain turn plus one durable write.
/// </summary>
public static class WriteGroupPhase
{
    public const int KeySpace = 100_000;
    private const int MaxPayloadBytes = 1_000_000;
    private const string UpsertOperation = "upsert";
    private const string AcceptOperation = "accept";

    public static async Task RunAsync(RunContext context)
    {
        var submitted = context.RequireSubmitted();
        // Measured just before: the rows grow as dossiers gain history, and the ceiling must write the same size.
        var stats = await context.Probe.GetStatsAsync(
            new StatsRequest { WithRowSize = true },
            new CallOptions(deadline: DateTime.UtcNow.AddSeconds(60), cancellationToken: context.Bounds.Abort));
        var payload = (int)Math.Clamp(stats.AverageDossierRowBytes, 0, MaxPayloadBytes);

        // The index goes on over the slices, so the upsert keeps cycling through its key space as one window would.
        var upsert = new SlicedOperation("upsert ceiling", UpsertOperation, long.MaxValue, async (index, worker) =>
        {
            var request = new UpsertRequest
            {
                Key = string.Create(CultureInfo.InvariantCulture, $"probe-{index % KeySpace}"),
                PayloadBytes = payload,
            };
            await worker.CallAsync(UpsertOperation, call => context.Probe.UpsertAsync(request, call));
        });
        var accept = new SlicedOperation("accept", AcceptOperation, submitted.Capacity, async (index, worker) =>
        {
            if (submitted.CodeAt(index) is not { } code)
            {
                return;
            }

            var request = new AcceptDossierRequest
            {
                ReceiptCode = code, Actor = Actors.DeskOfficer(submitted.DeskAt(index)), RequestId = RequestIds.For(context, "accept", index),
            };
            if (await worker.CallAsync(AcceptOperation, call => context.Dossiers.AcceptDossierAsync(request, call)) is not null)
            {
                submitted.MarkAccepted(index);
            }
        });

        var statementsBefore = context.Runner.Database is { } database ? await database.StatementsAsync(context.Bounds.Abort) : null;
        await context.RunSlicesAsync([upsert, accept]);
        if (statementsBefore is not null && context.Runner.Database is { } meter && !context.Bounds.Abort.IsCancellationRequested)
        {
            // The profile of the write group: where PostgreSQL's time went while the upsert and the accepts ran. A run
            // stopped meanwhile keeps its rows and goes without the profile.
            try
            {
                foreach (var line in StatementProfile.Lines(statementsBefore, await meter.StatementsAsync(context.Bounds.Abort), top: 8))
                {
                    context.Notes.Add("write group, PostgreSQL: " + line);
                }
            }
            catch (OperationCanceledException)
            {
                context.Notes.Add("write group, PostgreSQL: no statement profile (the run was stopped).");
            }
        }

        context.FirstUntouched = accept.ItemsTaken;

        context.AddSlicedRow(OperationRow.FromSlices(RowKeys.Upsert, "upsert ceiling", "upsert", upsert) with
        {
            Note = $"payload {payload:N0} bytes (average stored dossier row)",
        });
        var row = OperationRow.FromSlices(RowKeys.Accept, "accept (transition)", "transition", accept);
        if (accept.RanOut)
        {
            var options = context.Options;
            var when = accept.MeasuredSlices == 0
                ? "during its warm-up, before its first slice"
                : accept.MeasuredSlices < accept.SlicesRun
                    ? $"in the refill before its slice {accept.SlicesRun} of {options.Slices}"
                    : $"{accept.SliceDurations[^1].TotalSeconds:N1} s into its slice {accept.SlicesRun} of {options.Slices}";
            var note = $"accept ran out of dossiers {when} ({accept.Duration.TotalSeconds:N1} s measured of {options.MeasureSeconds} s), and the write group stopped there: " +
                $"all {submitted.Present.Count:N0} submitted dossiers were used; submit more (--dossiers) for the full measured time.";
            context.Notes.Add(note);
            row = row with { Note = note };
        }

        context.AddSlicedRow(row);
    }
}
