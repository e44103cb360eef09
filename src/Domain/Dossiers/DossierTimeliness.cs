using DossierTracking.Contracts.Dossiers;
using DossierTracking.Domain.Calendar;
using static DossierTracking.Contracts.Dossiers.DossierState;

namespace DossierTracking.Domain.Dossiers;

/// <summary>Timeliness against the legal due date (docs/domain.md "Deadlines"), and the record-to-view mapping.</summary>
public static class DossierTimeliness
{
    /// <summary>
    /// Finished dossiers (withdrawn, result ready, returned) compare the local date processing finished with the due
    /// date's: earlier Early, same day OnTime, later Late. Open ones are WithinDeadline or Overdue at
    /// <paramref name="now"/>; a paused one is judged at the moment its pause began.
    /// </summary>
    public static Timeliness Evaluate(DossierRecord d, DateTimeOffset now)
    {
        if (d.DueAt is not { } dueAt)
        {
            return Timeliness.NotApplicable;
        }

        switch (d.State)
        {
            case Withdrawn or ResultReady or ResultReturned:
                var finished = WorkingCalendar.LocalDate(d.FinishedAt ?? now);
                var due = WorkingCalendar.LocalDate(dueAt);
                return finished < due ? Timeliness.Early : finished == due ? Timeliness.OnTime : Timeliness.Late;
            case Received or InProcessing or AwaitingSupplement or AwaitingPayment:
                var at = d.PausedAt ?? now;
                return at <= dueAt ? Timeliness.WithinDeadline : Timeliness.Overdue;
            default:
                return Timeliness.NotApplicable;
        }
    }

    /// <summary>
    /// True when an open dossier whose clock runs is within one working day of its due date (or past it) and no
    /// apology notice has been issued: the agency must apologise and set a new date.
    /// </summary>
    public static bool IsApologyDue(DossierRecord d, DateTimeOffset now, WorkingCalendar calendar) =>
        d.State is Received or InProcessing
        && d.PromisedAt is null
        && d.DueAt is { } dueAt
        && now >= calendar.SubtractWorkingDays(dueAt, 1);

    public static DossierView ToView(DossierRecord d, DateTimeOffset now, WorkingCalendar calendar) => new()
    {
        ReceiptCode = d.ReceiptCode,
        Version = d.Version,
        State = d.State,
        ProcedureCode = d.ProcedureCode,
        Channel = d.Channel,
        ReceivingDeskCode = d.ReceivingDeskCode,
        HandlingAgencyCode = d.HandlingAgencyCode,
        CurrentAgencyCode = d.CurrentAgencyCode,
        Applicant = d.Applicant,
        SubmittedAt = d.SubmittedAt,
        ReceivedAt = d.ReceivedAt,
        DueAt = d.DueAt,
        PromisedAt = d.PromisedAt,
        FinishedAt = d.FinishedAt,
        ReturnedAt = d.ReturnedAt,
        Timeliness = Evaluate(d, now),
        EvaluatedAt = now,
        Supplement = d.Supplement,
        Fees = d.Fees,
        Payments = d.Payments,
        Shipments = d.Shipments,
        Result = d.Result,
        ResultDocumentRef = d.ResultDocumentRef,
        ReturnMethod = d.ReturnMethod,
        CurrentStep = d.CurrentStep,
        AssigneeId = d.AssigneeId,
        AssigneeName = d.AssigneeName,
        Pauses = d.Pauses,
        History = d.History,
        ApologyDue = IsApologyDue(d, now, calendar),
        ClosingReason = d.ClosingReason,
        Rating = d.Rating,
        Delivery = d.Delivery == ReturnMethod.Unspecified ? ReturnMethod.InPerson : d.Delivery,
        DeliveryAddress = d.DeliveryAddress,
        ResultDocumentHash = d.ResultDocumentHash,
    };
}
