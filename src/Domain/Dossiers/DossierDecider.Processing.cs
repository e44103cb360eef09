using DossierTracking.Contracts.Dossiers;
using DossierTracking.Contracts.Payments;
using DossierTracking.Domain.Calendar;
using static DossierTracking.Contracts.Dossiers.DossierState;

namespace DossierTracking.Domain.Dossiers;

/// <summary>Processing at the agencies: steps, transfers to coordinating agencies and back, apologies, stopping, withdrawal.</summary>
public sealed partial class DossierDecider
{
    public Decision RecordStep(DossierRecord? dossier, ActionContext context, string step, DateTimeOffset now)
    {
        if (Check(DossierAction.RecordStep, dossier, context) is { } failure)
        {
            return failure;
        }

        if (string.IsNullOrWhiteSpace(step))
        {
            return Failures.Invalid("step", "STEP_REQUIRED", "Name the processing step.");
        }

        if (step.Length > DossierLimits.MaxNameLength)
        {
            return Failures.TooLong("step", DossierLimits.MaxNameLength);
        }

        if (Count(dossier!, DossierAction.RecordStep) >= DossierLimits.MaxSteps)
        {
            return Failures.LimitReached("STEP_LIMIT_REACHED", $"The dossier already has {DossierLimits.MaxSteps} recorded steps.");
        }

        return Append(dossier! with { CurrentStep = step }, DossierAction.RecordStep, context, now, step, dossier!.DueAt);
    }

    public Decision Transfer(DossierRecord? dossier, ActionContext context, string coordinatingAgencyCode, int? stepLimitWorkingDays, DateTimeOffset now)
    {
        if (Check(DossierAction.Transfer, dossier, context) is { } failure)
        {
            return failure;
        }

        var d = dossier!;
        if (d.CurrentAgencyCode != d.HandlingAgencyCode)
        {
            return Failures.Precondition(d.State, "ALREADY_TRANSFERRED", $"The dossier is at coordinating agency {d.CurrentAgencyCode}; it must come back first.");
        }

        if (UnitIn(d.ReceivingDeskCode, coordinatingAgencyCode) is not { } target)
        {
            return Failures.NotFound("coordinating_agency_code", "AGENCY_NOT_FOUND", $"No agency has code {coordinatingAgencyCode}.");
        }

        if (WorkingCalendar.LocalDate(now) is var today && !target.IsValidOn(today))
        {
            return Failures.Invalid("coordinating_agency_code", "UNIT_NOT_ACTING", NotActing(target, today));
        }

        if (target.Code == d.HandlingAgencyCode)
        {
            return Failures.Invalid("coordinating_agency_code", "SAME_AGENCY", "A dossier cannot be transferred to the agency that holds it.");
        }

        if (stepLimitWorkingDays is < 0 or > 365)
        {
            return Failures.Invalid("step_limit_working_days", "STEP_LIMIT_OUT_OF_RANGE", "The step limit must be between 0 and 365 working days.");
        }

        if (Count(d, DossierAction.Transfer) >= DossierLimits.MaxTransfers)
        {
            return Failures.LimitReached("TRANSFER_LIMIT_REACHED", $"The dossier was already transferred {DossierLimits.MaxTransfers} times.");
        }

        var stepDueAt = stepLimitWorkingDays is { } days ? calendar.AddWorkingDays(now, days) : d.DueAt;
        return Append(d with { CurrentAgencyCode = target.Code, AssigneeId = "", AssigneeName = "" }, DossierAction.Transfer, context, now, stepDueAt: stepDueAt);
    }

    public Decision ReturnFromTransfer(DossierRecord? dossier, ActionContext context, DateTimeOffset now)
    {
        if (Check(DossierAction.ReturnFromTransfer, dossier, context) is { } failure)
        {
            return failure;
        }

        var d = dossier!;
        if (d.CurrentAgencyCode == d.HandlingAgencyCode)
        {
            return Failures.Precondition(d.State, "NOT_TRANSFERRED", "The dossier is not at a coordinating agency.");
        }

        return Append(d with { CurrentAgencyCode = d.HandlingAgencyCode, AssigneeId = "", AssigneeName = "" }, DossierAction.ReturnFromTransfer, context, now, stepDueAt: d.DueAt);
    }

    public Decision IssueApology(DossierRecord? dossier, ActionContext context, DateTimeOffset promisedAt, string reason, DateTimeOffset now)
    {
        if (Check(DossierAction.IssueApology, dossier, context) is { } failure)
        {
            return failure;
        }

        var d = dossier!;
        if (d.DueAt is not { } dueAt)
        {
            return Failures.Precondition(d.State, "NO_DUE_DATE", "The dossier has no due date yet.");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return Failures.Invalid("reason", "REASON_REQUIRED", "An apology notice states why the dossier is late.");
        }

        if (reason.Length > DossierLimits.MaxNoteLength)
        {
            return Failures.TooLong("reason", DossierLimits.MaxNoteLength);
        }

        if (Count(d, DossierAction.IssueApology) >= DossierLimits.MaxApologies)
        {
            return Failures.LimitReached("APOLOGY_LIMIT_REACHED", $"The dossier already has {DossierLimits.MaxApologies} apology notices.");
        }

        var current = d.PromisedAt ?? dueAt;
        if (promisedAt <= current)
        {
            return Failures.Invalid("promised_at", "PROMISED_DATE_NOT_LATER", "The new date must be later than the date promised so far.");
        }

        // The promise moves for the citizen; the legal due date (and the KPI) stays.
        return Append(d with { PromisedAt = promisedAt }, DossierAction.IssueApology, context, now, reason, promisedAt);
    }

    public Decision Stop(DossierRecord? dossier, ActionContext context, string reason, DateTimeOffset now)
    {
        if (Check(DossierAction.Stop, dossier, context) is { } failure)
        {
            return failure;
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return Failures.Invalid("reason", "REASON_REQUIRED", "Stopping processing needs a written reason.");
        }

        if (reason.Length > DossierLimits.MaxNoteLength)
        {
            return Failures.TooLong("reason", DossierLimits.MaxNoteLength);
        }

        var d = dossier!;
        var stopped = ClosePause(d, now, TimeSpan.Zero, d.DueAt) with { State = Stopped, ClosingReason = reason, Supplement = null, ResumeState = null };
        return Append(stopped, DossierAction.Stop, context, now, reason);
    }

    public Decision Withdraw(DossierRecord? dossier, ActionContext context, string reason, DateTimeOffset now)
    {
        if (Check(DossierAction.Withdraw, dossier, context) is { } failure)
        {
            return failure;
        }

        if (reason.Length > DossierLimits.MaxNoteLength)
        {
            return Failures.TooLong("reason", DossierLimits.MaxNoteLength);
        }

        var d = dossier!;
        var withdrawn = ClosePause(d, now, TimeSpan.Zero, d.DueAt) with
        {
            State = Withdrawn,
            ClosingReason = reason,
            FinishedAt = now,
            Supplement = null,
            ResumeState = null,
            // Fees not paid yet are no longer owed; a payment that still arrives is recorded and must be refunded.
            Payments = [.. d.Payments.Select(p => p.IsOpen ? p with { Status = PaymentStatus.Cancelled, ClosedAt = now } : p)],
        };
        return Append(withdrawn, DossierAction.Withdraw, context, now, reason);
    }
}
