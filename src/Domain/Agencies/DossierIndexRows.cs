using DossierTracking.Contracts.Agencies;
using DossierTracking.Contracts.Dossiers;
using DossierTracking.Contracts.Payments;
using DossierTracking.Domain.Calendar;
using DossierTracking.Domain.Dossiers;
using DossierTracking.Domain.Duties;
using static DossierTracking.Contracts.Dossiers.DossierState;

namespace DossierTracking.Domain.Agencies;

/// <summary>Builds the read-model row of a dossier record.</summary>
public static class DossierIndexRows
{
    /// <param name="duties">The waits of the scheduled duties, for the due index (<see cref="DossierIndexRow.DutyAt"/>); the silos pass their settings, the defaults when null.</param>
    public static DossierIndexRow From(DossierRecord d, WorkingCalendar calendar, DutySchedule? duties = null)
    {
        var shipment = d.Shipments.Count > 0 ? d.Shipments[^1] : null;
        var finished = d.State is Withdrawn or ResultReady or ResultReturned;
        return new DossierIndexRow
        {
            ReceiptCode = d.ReceiptCode,
            Version = d.Version,
            State = d.State,
            Channel = d.Channel,
            ProcedureCode = d.ProcedureCode,
            ReceivingDeskCode = d.ReceivingDeskCode,
            HandlingAgencyCode = d.HandlingAgencyCode,
            CurrentAgencyCode = d.CurrentAgencyCode,
            ApplicantName = d.Applicant.FullName,
            ApplicantIdNumber = d.Applicant.IdNumber,
            ApplicantPhone = d.Applicant.Phone,
            SubmittedAt = d.SubmittedAt,
            ReceivedAt = d.ReceivedAt,
            DueAt = d.DueAt,
            PausedAt = d.PausedAt,
            FinishedAt = d.FinishedAt,
            ApologyFrom = d.PromisedAt is null && d.DueAt is { } due ? calendar.SubtractWorkingDays(due, 1) : null,
            Outcome = finished ? DossierTimeliness.Evaluate(d, d.FinishedAt ?? d.History[^1].At) : default,
            ProcessingTime = finished ? ProcessingTime(d) : TimeSpan.Zero,
            UpdatedAt = d.History[^1].At,
            VersionOffset = d.ImportedVersion > 1 ? d.ImportedVersion - 1 : 0,
            AssigneeId = d.AssigneeId,
            Rating = d.Rating?.Level ?? Satisfaction.Unspecified,
            Payment = d.Payments.Any(p => p.Status is PaymentStatus.Paid or PaymentStatus.Refunded) ? PaymentMark.PaidOnline
                : d.Payments.Count > 0 ? PaymentMark.Requested
                : PaymentMark.None,
            Shipment = shipment is null ? null : new IndexedShipment
            {
                Number = shipment.Number,
                Carrier = shipment.Carrier,
                Status = shipment.Status,
                HandedAt = shipment.HandedAt,
                StatusAt = shipment.StatusAt,
            },
            DutyAt = DossierDuties.NextAt(d, duties ?? DutySchedule.Default, calendar),
        };
    }

    /// <summary>Intake to the end of processing, less the time spent waiting for the applicant.</summary>
    private static TimeSpan ProcessingTime(DossierRecord d)
    {
        if (d.ReceivedAt is not { } received || d.FinishedAt is not { } finished || finished <= received)
        {
            return TimeSpan.Zero;
        }

        var paused = TimeSpan.Zero;
        foreach (var pause in d.Pauses)
        {
            var end = pause.EndedAt ?? finished;
            if (end > pause.StartedAt)
            {
                paused += end - pause.StartedAt;
            }
        }

        var total = finished - received - paused;
        return total > TimeSpan.Zero ? total : TimeSpan.Zero;
    }
}
