using DossierTracking.Contracts.Dossiers;
using DossierTracking.Contracts.Postal;
using static DossierTracking.Contracts.Dossiers.DossierState;

namespace DossierTracking.Domain.Dossiers;

/// <summary>What a postal report does: the next record to persist (none for a duplicate or stale report), or the refusal.</summary>
public readonly record struct PostalDecision(DossierRecord? Next, Failure? Failure, PostalOutcome Outcome, string Message, Shipment? Shipment)
{
    public static implicit operator PostalDecision(Failure failure) => new(null, failure, PostalOutcome.Unspecified, "", null);
}

public sealed partial class DossierDecider
{
    /// <summary>How far in the future a postal event time may lie (clocks differ a little).</summary>
    public static readonly TimeSpan EventClockTolerance = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The desk hands a result to be sent by post to the postal service: a shipment with a tracking number of this
    /// system's making (<see cref="Shipment.TrackingNumberOf"/>) and the applicant's address (or a corrected one, for a
    /// result that came back). Under <see cref="ResultReturnedAt.Handover"/> the dossier counts as returned now.
    /// The shipment is bound to <paramref name="carrier"/>: only that postal operator reports on it and reads it.
    /// </summary>
    public Decision HandToPost(DossierRecord? dossier, ActionContext context, string address, string carrier, ResultReturnedAt policy, DateTimeOffset now)
    {
        if (Check(DossierAction.HandToPost, dossier, context) is { } failure)
        {
            return failure;
        }

        var d = dossier!;
        if (d.Delivery != ReturnMethod.Post)
        {
            return Failures.Precondition(d.State, "NOT_BY_POST", $"The applicant chose to receive the result {d.Delivery}, not by post.");
        }

        if (d.Shipments.Count > 0 && !d.Shipments[^1].IsClosed)
        {
            return Failures.Precondition(d.State, "ALREADY_WITH_POST", $"The result is already with the post under tracking number {d.Shipments[^1].TrackingNumber}.");
        }

        if (string.IsNullOrWhiteSpace(carrier))
        {
            return Failures.Invalid("carrier", "CARRIER_REQUIRED", "Name the postal operator that carries the result.");
        }

        if (d.Shipments.Count >= DossierLimits.MaxShipments)
        {
            return Failures.LimitReached("SHIPMENT_LIMIT_REACHED", $"The result was already sent by post {DossierLimits.MaxShipments} times.");
        }

        var to = string.IsNullOrWhiteSpace(address) ? d.DeliveryAddress : address.Trim();
        var number = d.Shipments.Count + 1;
        var shipment = new Shipment
        {
            Number = number,
            TrackingNumber = Shipment.TrackingNumberOf(d.ReceiptCode, number),
            Address = to,
            HandedAt = now,
            Status = ShipmentStatus.HandedOver,
            StatusAt = now,
            Carrier = carrier,
        };
        var next = d with { Shipments = d.Shipments.Add(shipment), DeliveryAddress = to };
        if (policy == ResultReturnedAt.Handover)
        {
            next = next with { State = ResultReturned, ReturnedAt = now, ReturnMethod = ReturnMethod.Post };
        }

        return Append(next, DossierAction.HandToPost, context, now, $"Tracking number {shipment.TrackingNumber}");
    }

    /// <summary>
    /// A delivery event from the postal service (docs/domain.md "Postal delivery of results"). Idempotent by the post's
    /// event id. Events are ordered by stage, then by event time: an event of an earlier stage, or of the same stage
    /// but not later than the current status, or any event after delivery or return, changes nothing (Stale).
    /// Picked up, in transit and failed attempts alternate freely as time goes on.
    /// </summary>
    /// <remarks>
    /// A reason (<see cref="PostalReport.Reason"/>) goes only with a failed delivery or a return; without one, the
    /// carrier's raw code is mapped by <paramref name="reasonCodes"/> (<see cref="DeliveryReasonCodes.Default"/> when null).
    /// </remarks>
    public PostalDecision ReportPostal(DossierRecord? dossier, PostalReport report, DateTimeOffset now, DeliveryReasonCodes? reasonCodes = null)
    {
        // A shipment that does not exist and one another operator carries get the same answer.
        var reporter = new Actor { Party = Party.PostalService, PersonId = report.Operator };
        if (dossier is null || !AccessTable.ReportDelivery.Any(p => p.Party == reporter.Party
                && Ownership.InScope(p.Scope, reporter, applicantProven: false, dossier, report.ShipmentNumber)))
        {
            return Failures.NotYours(Party.PostalService, "report on");
        }

        var index = dossier.Shipments.FindIndex(s => s.Number == report.ShipmentNumber);

        if (report.Status is not (ShipmentStatus.Accepted or ShipmentStatus.InTransit or ShipmentStatus.DeliveryFailed or ShipmentStatus.Delivered or ShipmentStatus.ReturnedToSender))
        {
            return Failures.Invalid("status", "STATUS_REQUIRED", "status must be ACCEPTED, IN_TRANSIT, DELIVERY_FAILED, DELIVERED or RETURNED_TO_SENDER.");
        }

        if (!Enum.IsDefined(report.Reason))
        {
            return Failures.Invalid("reason", "OUT_OF_RANGE", "reason is not a known DeliveryReason.");
        }

        if (report.Reason != DeliveryReason.Unspecified && !DeliveryReasonCodes.TakesReason(report.Status))
        {
            return Failures.Invalid("reason", "REASON_NOT_ALLOWED", $"reason goes only with DELIVERY_FAILED or RETURNED_TO_SENDER, not {report.Status}.");
        }

        if (report.Location.Length > DossierLimits.MaxEventLocationLength)
        {
            return Failures.TooLong("location", DossierLimits.MaxEventLocationLength);
        }

        if (report.RawCode.Length > DossierLimits.MaxRawCodeLength)
        {
            return Failures.TooLong("raw_code", DossierLimits.MaxRawCodeLength);
        }

        if (report.OccurredAt > now + EventClockTolerance)
        {
            return Failures.Invalid("occurred_at", "EVENT_IN_FUTURE", $"occurred_at {report.OccurredAt:u} lies in the future.");
        }

        var shipment = dossier.Shipments[index];
        if (shipment.Events.FirstOrDefault(e => e.EventId == report.EventId) is { } seen)
        {
            return new PostalDecision(null, null, PostalOutcome.Duplicate, $"Event {report.EventId} ({seen.Status}) was already applied.", shipment);
        }

        if (shipment.IsClosed)
        {
            return new PostalDecision(null, null, PostalOutcome.Stale, $"Shipment {shipment.TrackingNumber} is already {shipment.Status}: event {report.EventId} changes nothing.", shipment);
        }

        var (stage, current) = (Stage(report.Status), Stage(shipment.Status));
        if (stage < current || (stage == current && report.OccurredAt <= shipment.StatusAt))
        {
            return new PostalDecision(null, null, PostalOutcome.Stale,
                $"Shipment {shipment.TrackingNumber} is {shipment.Status} since {shipment.StatusAt:u}: {report.Status} at {report.OccurredAt:u} would move it backwards.", shipment);
        }

        if (report.Note.Length > DossierLimits.MaxNameLength)
        {
            return Failures.TooLong("note", DossierLimits.MaxNameLength);
        }

        if (shipment.Events.Count >= DossierLimits.MaxShipmentEvents)
        {
            return Failures.LimitReached("TOO_MANY_EVENTS", $"Shipment {shipment.TrackingNumber} already has {DossierLimits.MaxShipmentEvents} events.");
        }

        var moved = shipment with
        {
            Carrier = report.Operator,
            Status = report.Status,
            StatusAt = report.OccurredAt,
            Events = shipment.Events.Add(new ShipmentEvent
            {
                EventId = report.EventId,
                Status = report.Status,
                OccurredAt = report.OccurredAt,
                Note = report.Note,
                RecordedAt = now,
                Location = report.Location,
                Reason = (reasonCodes ?? DeliveryReasonCodes.Default).Normalise(report.Operator, report.Status, report.Reason, report.RawCode),
                RawCode = report.RawCode,
            }),
        };
        var next = dossier with { Shipments = dossier.Shipments.SetItem(index, moved) };
        var context = new ActionContext { Actor = reporter };
        var note = string.IsNullOrWhiteSpace(report.Note) ? $"{moved.TrackingNumber}: {report.Status}" : $"{moved.TrackingNumber}: {report.Status} ({report.Note})";
        var message = $"Shipment {moved.TrackingNumber} is {report.Status}.";
        DossierRecord record;
        if (report.Status == ShipmentStatus.Delivered && dossier.State == ResultReady)
        {
            // Delivery is the return (policy Delivery). The handover time is the post's, not ours.
            var at = report.OccurredAt < now ? report.OccurredAt : now;
            record = Append(next with { State = ResultReturned, ReturnedAt = at, ReturnMethod = ReturnMethod.Post }, DossierAction.ReturnResult, context, now, note);
            message += " The dossier's result is returned.";
        }
        else if (report.Status == ShipmentStatus.ReturnedToSender && dossier.State is ResultReady or ResultReturned)
        {
            record = Append(next with { State = ResultReady, ReturnedAt = null, ReturnMethod = ReturnMethod.Unspecified, CurrentAgencyCode = dossier.ReceivingDeskCode },
                DossierAction.ReturnedToSender, context, now, note);
            message += " The result is back at the desk.";
        }
        else
        {
            record = Append(next, DossierAction.PostalEvent, context, now, note);
        }

        return new PostalDecision(record, null, PostalOutcome.Applied, message, moved);
    }

    private static int Stage(ShipmentStatus status) => status switch
    {
        ShipmentStatus.HandedOver => 0,
        ShipmentStatus.Accepted => 1,
        ShipmentStatus.InTransit or ShipmentStatus.DeliveryFailed => 2,
        _ => 3,
    };
}
