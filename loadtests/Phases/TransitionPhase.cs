using DossierTracking.GrpcApi.V1;
using DossierTracking.LoadTests.Reporting;

namespace DossierTracking.LoadTests.Phases;

/// <summary>
/// The cheapest real transition: the desk accepts online dossiers (1 → 2), in submission order, each at most once,
/// so every call is a grain turn plus one durable write. Compared with the raw upsert of the same row size.
/// </summary>
public static class TransitionPhase
{
    private const string Operation = "accept";

    public static async Task RunAsync(RunContext context)
    {
        var submitted = context.RequireSubmitted();
        var result = await context.Runner.RunWindowedAsync("accept", context.Options.Warmup, context.Options.Measure, submitted.Capacity,
            async (index, worker) =>
            {
                if (submitted.CodeAt(index) is not { } code)
                {
                    return;
                }

                var request = new AcceptDossierRequest { ReceiptCode = code, Actor = Actors.DeskOfficer(submitted.DeskAt(index)) };
                if (await worker.CallAsync(Operation, call => context.Dossiers.AcceptDossierAsync(request, call)) is not null)
                {
                    submitted.MarkAccepted(index);
                }
            });

        context.FirstUntouched = result.ItemsTaken;
        var row = OperationRow.From(RowKeys.Accept, "accept (transition)", "transition", result.Operation(Operation), result.Duration, result.Cpu);
        if (result.RanOut)
        {
            var when = result.WindowOpened
                ? $"after {result.Duration.TotalSeconds:N1} s of the {context.Options.MeasureSeconds} s window"
                : "during warm-up, before the window opened";
            var note = $"accept ran out of dossiers {when}: all {submitted.Present.Count:N0} submitted dossiers were used; submit more (--dossiers) for a full window.";
            context.Notes.Add(note);
            row = row with { Note = note };
        }

        context.AddRow(row, result);
    }
}
