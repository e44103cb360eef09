using DossierTracking.GrpcApi.V1;
using DossierTracking.LoadTests.Measurement;
using DossierTracking.LoadTests.Reporting;
using Google.Protobuf.WellKnownTypes;

namespace DossierTracking.LoadTests.Phases;

/// <summary>
/// Takes accepted dossiers to the citizen's hands: forward (desk), every tenth through a supplement request (agency)
/// and its receipt (desk), then the result (agency) and its return in person (desk). Each operation is reported
/// on its own; a dossier that does not end in RESULT_RETURNED counts as an error.
/// </summary>
public static class LifecyclePhase
{
    public const int SupplementEvery = 10;
    private const string Accept = "accept (extra)";
    private const string Forward = "forward";
    private const string RequestSupplement = "request supplement";
    private const string ReceiveSupplement = "receive supplement";
    private const string RecordResult = "record result";
    private const string ReturnResult = "return result";

    /// <summary>The operations in lifecycle order, with their row keys.</summary>
    private static readonly (string Name, string Key)[] Operations =
    [
        (Accept, "lifecycle-accept"),
        (Forward, "lifecycle-forward"),
        (RequestSupplement, "lifecycle-request-supplement"),
        (ReceiveSupplement, "lifecycle-receive-supplement"),
        (RecordResult, "lifecycle-record-result"),
        (ReturnResult, "lifecycle-return-result"),
    ];

    public static async Task RunAsync(RunContext context)
    {
        var submitted = context.RequireSubmitted();
        var (chosen, needsAccept) = Choose(context, submitted.Present);
        if (chosen.Length < context.Options.Lifecycle)
        {
            context.Notes.Add($"lifecycle: only {chosen.Length:N0} of {context.Options.Lifecycle:N0} dossiers were left unused; submit more (--dossiers).");
        }

        if (chosen.Length == 0)
        {
            return;
        }

        var completed = 0L;
        var result = await context.Runner.RunCountedAsync("lifecycle", chosen.Length, async (k, worker) =>
        {
            var index = chosen[k];
            var code = submitted.CodeAt(index)!;
            var desk = Actors.DeskOfficer(submitted.DeskAt(index));
            string Id(string operation) => RequestIds.For(context, "lc-" + operation, index);
            if (needsAccept[k]
                && await worker.CallAsync(Accept, call => context.Dossiers.AcceptDossierAsync(new AcceptDossierRequest { ReceiptCode = code, Actor = desk, RequestId = Id("accept") }, call)) is null)
            {
                return;
            }

            var dossier = await worker.CallAsync(Forward, call => context.Dossiers.ForwardDossierAsync(new ForwardDossierRequest { ReceiptCode = code, Actor = desk, RequestId = Id("forward") }, call));
            if (dossier is null)
            {
                return;
            }

            // The competent agency is known only from the dossier: the department that owns a province procedure,
            // the desk itself for district and commune ones.
            var agency = Actors.AgencyOfficer(dossier.HandlingAgencyCode);
            if ((k + 1) % SupplementEvery == 0)
            {
                var supplement = new RequestSupplementRequest
                {
                    ReceiptCode = code,
                    Actor = agency,
                    MissingItems = { "Bản sao giấy tờ" },
                    Reason = "Thiếu giấy tờ",
                    Deadline = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(30)),
                    RequestId = Id("supplement"),
                };
                if (await worker.CallAsync(RequestSupplement, call => context.Dossiers.RequestSupplementAsync(supplement, call)) is null
                    || await worker.CallAsync(ReceiveSupplement, call => context.Dossiers.ReceiveSupplementAsync(new ReceiveSupplementRequest { ReceiptCode = code, Actor = desk, RequestId = Id("papers") }, call)) is null)
                {
                    return;
                }
            }

            var recordResult = new RecordResultRequest
            {
                ReceiptCode = code, Actor = agency, Result = ResultKind.Approved, DocumentRef = $"LT-{index}", RequestId = Id("result"),
            };
            if (await worker.CallAsync(RecordResult, call => context.Dossiers.RecordResultAsync(recordResult, call)) is null)
            {
                return;
            }

            var returnResult = new ReturnResultRequest { ReceiptCode = code, Actor = desk, Method = ReturnMethod.InPerson, RequestId = Id("return") };
            var final = await worker.CallAsync(ReturnResult, call => context.Dossiers.ReturnResultAsync(returnResult, call));
            if (final is null)
            {
                return;
            }

            if (final.State == DossierState.ResultReturned)
            {
                Interlocked.Increment(ref completed);
            }
            else
            {
                worker.RecordProblem(ReturnResult, $"FinalState:{final.State}");
            }
        });

        var all = result.Combined("lifecycle");
        var total = OperationRow.From(RowKeys.LifecycleAll, "lifecycle (all ops)", "lifecycle", all, result.Duration, result.Cpu, result.Database) with
        {
            Note = $"{completed:N0} of {chosen.Length:N0} dossiers reached RESULT_RETURNED",
        };
        context.AddRow(total, result);
        // Server CPU cannot be split between operations that ran interleaved: it is on the all-operations row only.
        foreach (var (name, key) in Operations.Where(o => result.Operations.ContainsKey(o.Name)))
        {
            context.AddRow(OperationRow.From(key, $"lifecycle: {name}", "lifecycle", result.Operation(name), result.Duration, cpu: null), result);
        }

        var unfinished = chosen.Length - completed;
        if (unfinished > 0)
        {
            context.Notes.Add($"lifecycle: {unfinished:N0} of {chosen.Length:N0} dossiers did not reach RESULT_RETURNED (see the errors of each operation).");
        }
    }

    /// <summary>
    /// Dossiers the write group accepted come first; if there are too few, the next ones it never touched,
    /// which the lifecycle accepts itself. Either way none of them is used by another phase afterwards.
    /// </summary>
    private static (int[] Chosen, bool[] NeedsAccept) Choose(RunContext context, IReadOnlyList<int> present)
    {
        var submitted = context.RequireSubmitted();
        var wanted = context.Options.Lifecycle;
        var chosen = new List<int>(wanted);
        var needsAccept = new List<bool>(wanted);
        foreach (var index in present)
        {
            if (chosen.Count == wanted)
            {
                break;
            }

            if (submitted.IsAccepted(index))
            {
                chosen.Add(index);
                needsAccept.Add(false);
            }
        }

        foreach (var index in present)
        {
            if (chosen.Count == wanted)
            {
                break;
            }

            if (index >= context.FirstUntouched)
            {
                chosen.Add(index);
                needsAccept.Add(true);
            }
        }

        foreach (var index in chosen)
        {
            submitted.MarkInLifecycle(index);
        }

        return (chosen.ToArray(), needsAccept.ToArray());
    }
}
