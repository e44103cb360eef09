using DossierTracking.Contracts.Catalog;
using DossierTracking.Contracts.Dossiers;
using DossierTracking.Domain.Calendar;
using static DossierTracking.Contracts.Dossiers.DossierState;

namespace DossierTracking.Domain.Dossiers;

/// <summary>Missing papers: a supplement requested, received, or its deadline passed.</summary>
public sealed partial class DossierDecider
{
    public Decision RequestSupplement(DossierRecord? dossier, ActionContext context, SupplementRequest request, DateTimeOffset now)
    {
        if (Check(DossierAction.RequestSupplement, dossier, context) is { } failure)
        {
            return failure;
        }

        if (request.MissingItems.Count + request.MissingComponents.Count == 0 || request.MissingItems.Count > DossierLimits.MaxMissingItems
            || request.MissingItems.Any(string.IsNullOrWhiteSpace))
        {
            return Failures.Invalid("missing_items", "MISSING_ITEMS_REQUIRED",
                $"List between 1 and {DossierLimits.MaxMissingItems} missing papers, none empty (in missing_items, or by code in missing_component_codes).");
        }

        if (MissingComponentsProblem(dossier!, request.MissingComponents) is { } badComponents)
        {
            return badComponents;
        }

        if (request.MissingItems.Any(item => item.Length > DossierLimits.MaxNameLength))
        {
            return Failures.TooLong("missing_items", DossierLimits.MaxNameLength);
        }

        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            return Failures.Invalid("reason", "REASON_REQUIRED", "A supplement request needs a reason.");
        }

        if (request.Reason.Length > DossierLimits.MaxNoteLength)
        {
            return Failures.TooLong("reason", DossierLimits.MaxNoteLength);
        }

        if (Count(dossier!, DossierAction.RequestSupplement) >= DossierLimits.MaxSupplementRequests)
        {
            return Failures.LimitReached("SUPPLEMENT_LIMIT_REACHED", $"Missing papers were already requested {DossierLimits.MaxSupplementRequests} times for this dossier.");
        }

        if (request.Deadline <= now)
        {
            return Failures.Invalid("deadline", "DEADLINE_NOT_IN_FUTURE", "The supplement deadline must be in the future.");
        }

        var d = dossier!;
        var clockRuns = d.DueAt is not null;
        var next = d with
        {
            State = AwaitingSupplement,
            ResumeState = d.State,
            Supplement = request,
            PausedAt = clockRuns ? now : null,
            Pauses = clockRuns ? d.Pauses.Add(new PauseInterval { Reason = AwaitingSupplement, StartedAt = now, DueAtBefore = d.DueAt }) : d.Pauses,
        };
        return Append(next, DossierAction.RequestSupplement, context, now, request.Reason);
    }

    public Decision ReceiveSupplement(DossierRecord? dossier, ActionContext context, DateTimeOffset now)
    {
        if (Check(DossierAction.ReceiveSupplement, dossier, context) is { } failure)
        {
            return failure;
        }

        var d = dossier!;
        if (d.Supplement is { MissingComponents.Count: > 0 } asked)
        {
            // The papers asked for by code: each needs a version uploaded since the request, and the entry records which.
            var since = d.History.FindLast(h => h.Action == DossierAction.RequestSupplement)?.Version ?? 0;
            var received = asked.MissingComponents.Select(code => (Code: code, Document: d.Documents.FindLast(r => r.ComponentCode == code && r.DossierVersion > since))).ToList();
            if (received.Where(r => r.Document is null).Select(r => r.Code).ToList() is [_, ..] missing)
            {
                return Failures.Precondition(d.State, "SUPPLEMENT_PAPERS_MISSING",
                    $"No new version of {string.Join(", ", missing)} was uploaded since the supplement was requested; upload them first (DocumentService).");
            }

            var versions = string.Join(", ", received.Select(r => $"{r.Code} v{r.Document!.Version}"));
            context = context with { Note = context.Note.Length > 0 ? $"{context.Note} ({versions})" : versions };
        }

        var resumed = Resume(d, d.SupplementPolicy, now) with
        {
            State = d.ResumeState ?? Received,
            ResumeState = null,
            Supplement = null,
        };
        return Append(resumed, DossierAction.ReceiveSupplement, context, now, stepDueAt: resumed.DueAt);
    }

    /// <summary>Papers named by code must be the procedure's, each once, and no more than a request may list.</summary>
    private Failure? MissingComponentsProblem(DossierRecord dossier, IReadOnlyList<string> codes)
    {
        if (codes.Count > DossierLimits.MaxMissingItems || codes.Distinct(StringComparer.Ordinal).Count() != codes.Count)
        {
            return Failures.Invalid("missing_component_codes", "TOO_MANY", $"List at most {DossierLimits.MaxMissingItems} papers' codes, each once.");
        }

        var known = ProcedureOf(dossier)?.Components.Select(c => c.Code).ToHashSet(StringComparer.Ordinal) ?? [];
        return codes.FirstOrDefault(code => !known.Contains(code)) is { } unknown
            ? Failures.Invalid("missing_component_codes", "UNKNOWN_COMPONENT",
                $"Procedure {dossier.ProcedureCode} lists no paper {unknown}; the catalogue (GetProcedure) lists its papers' codes.")
            : null;
    }

    public Decision ExpireSupplement(DossierRecord? dossier, ActionContext context, DateTimeOffset now)
    {
        if (Check(DossierAction.ExpireSupplement, dossier, context) is { } failure)
        {
            return failure;
        }

        var d = dossier!;
        if (d.Supplement is { } supplement && now <= supplement.Deadline)
        {
            return Failures.Precondition(d.State, "SUPPLEMENT_DEADLINE_NOT_PASSED",
                $"The supplement deadline {WorkingCalendar.ToLocal(supplement.Deadline):yyyy-MM-dd HH:mm} has not passed yet.");
        }

        var closed = ClosePause(d, now, TimeSpan.Zero, d.DueAt) with { State = RejectedAtIntake, ClosingReason = "Supplement deadline passed" };
        return Append(closed, DossierAction.ExpireSupplement, context, now, "Supplement deadline passed");
    }
}
