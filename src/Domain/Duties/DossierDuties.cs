using DossierTracking.Contracts.Dossiers;
using DossierTracking.Domain.Calendar;
using DossierTracking.Domain.Dossiers;
using static DossierTracking.Contracts.Dossiers.DossierState;

namespace DossierTracking.Domain.Duties;

/// <summary>
/// What a dossier owes to the passing of time, read from its own state and history only: a supplement deadline that
/// passed closes it; a due date near or past warns the agency holding it, once per due date; a result waiting at the
/// desk, and a shipment the post went silent on, are flagged for the desk, once. A duty done is in the history, so
/// the same record never owes it again: deciding twice, on two silos or after a restart, changes nothing the second
/// time. <see cref="NextAt"/> is the moment the read model's due index keeps, so the silos' sweep finds the dossier.
/// </summary>
public static class DossierDuties
{
    /// <summary>The person id of the system actor that does the duties (party System), as the history shows it.</summary>
    public const string ActorId = "duties";

    /// <summary>The refusal reason when no duty is due: the one answer that is not a problem.</summary>
    public const string NothingDueReason = "NOTHING_DUE";

    /// <summary>The duties' history actions, in the order a run does them (a closing first; an overdue warning before a due-soon one).</summary>
    public static IReadOnlyList<DossierAction> Actions { get; } =
        [DossierAction.ExpireSupplement, DossierAction.Overdue, DossierAction.DueSoon, DossierAction.ResultUncollected, DossierAction.ShipmentSilent];

    /// <summary>
    /// The duties this record still owes, each with the moment it is due from, in <see cref="Actions"/> order. A dossier
    /// imported from another system owes no warning that fell due before it was imported: that is old news, and the
    /// first sweep after an import would otherwise send one for every old dossier (a passed supplement deadline still
    /// closes it: that is its state, not news).
    /// </summary>
    public static IEnumerable<OwedDuty> Owed(DossierRecord d, DutySchedule schedule, WorkingCalendar calendar) =>
        d.ImportedAt is { } imported
            ? OwedAll(d, schedule, calendar).Where(duty => duty.Duty == DossierAction.ExpireSupplement || duty.DueFrom >= imported)
            : OwedAll(d, schedule, calendar);

    private static IEnumerable<OwedDuty> OwedAll(DossierRecord d, DutySchedule schedule, WorkingCalendar calendar)
    {
        // A supplement deadline passed: the dossier closes (the decider's ExpireSupplement, "passed" meaning after it).
        if (d.State == AwaitingSupplement && d.Supplement is { } supplement)
        {
            yield return new OwedDuty(DossierAction.ExpireSupplement, supplement.Deadline.AddTicks(1));
        }

        // Warnings while the clock runs (not paused, not closed), about the date the office must meet now.
        if (d.State is Received or InProcessing && d.PausedAt is null && WarnedDueDate(d) is { } due)
        {
            var warned = d.History.Where(h => h.StepDueAt == due && h.Action is DossierAction.DueSoon or DossierAction.Overdue)
                .Select(h => h.Action).ToHashSet();
            if (!warned.Contains(DossierAction.Overdue))
            {
                yield return new OwedDuty(DossierAction.Overdue, due.AddTicks(1));
                if (!warned.Contains(DossierAction.DueSoon))
                {
                    yield return new OwedDuty(DossierAction.DueSoon, calendar.SubtractWorkingDays(due, schedule.DueSoonWorkingDays), due);
                }
            }
        }

        // A result at the desk, not with the post: reminded once each time it arrives there (recorded, or back from the post).
        if (d.State == ResultReady && !HasOpenShipment(d))
        {
            var arrived = d.History.FindLastIndex(h => h.Action is DossierAction.RecordResult or DossierAction.ReturnedToSender);
            var since = arrived >= 0 ? d.History[arrived].At : d.FinishedAt;
            if (since is { } readySince && !d.History.Skip(arrived + 1).Any(h => h.Action == DossierAction.ResultUncollected))
            {
                yield return new OwedDuty(DossierAction.ResultUncollected, calendar.AddWorkingDays(readySince, schedule.UncollectedResultWorkingDays));
            }
        }

        // The open shipment (at most the last one): flagged once, when the post has said nothing for the set days.
        if (HasOpenShipment(d))
        {
            var shipment = d.Shipments[^1];
            var handedOver = d.History.FindLastIndex(h => h.Action == DossierAction.HandToPost);
            if (!d.History.Skip(handedOver + 1).Any(h => h.Action == DossierAction.ShipmentSilent))
            {
                var lastHeard = shipment.Events.Count == 0 ? shipment.HandedAt : shipment.Events.Max(e => e.RecordedAt);
                if (lastHeard < shipment.HandedAt)
                {
                    lastHeard = shipment.HandedAt;
                }

                yield return new OwedDuty(DossierAction.ShipmentSilent, lastHeard.AddDays(schedule.SilentShipmentDays));
            }
        }
    }

    /// <summary>The first duty due at <paramref name="now"/>, in <see cref="Actions"/> order; null when none is.</summary>
    public static OwedDuty? DueAt(DossierRecord d, DutySchedule schedule, WorkingCalendar calendar, DateTimeOffset now)
    {
        foreach (var duty in Owed(d, schedule, calendar))
        {
            if (duty.IsDueAt(now))
            {
                return duty;
            }
        }

        return null;
    }

    /// <summary>
    /// The earliest moment a duty of this record is due (it may lie in the past: a duty not done yet); null when it owes
    /// none. Once no duty is due at a moment, this lies after it, so the sweep does not come back for nothing.
    /// </summary>
    public static DateTimeOffset? NextAt(DossierRecord d, DutySchedule schedule, WorkingCalendar calendar)
    {
        DateTimeOffset? next = null;
        foreach (var duty in Owed(d, schedule, calendar))
        {
            if (next is null || duty.DueFrom < next)
            {
                next = duty.DueFrom;
            }
        }

        return next;
    }

    /// <summary>
    /// The date the office must meet now: the due date, or the later date an apology promised (the legal due date stays
    /// for the KPIs, but the warnings follow the promise); null before intake.
    /// </summary>
    public static DateTimeOffset? WarnedDueDate(DossierRecord d) =>
        d.PromisedAt is { } promised && (d.DueAt is not { } due || promised > due) ? promised : d.DueAt;

    private static bool HasOpenShipment(DossierRecord d) => d.Shipments.Count > 0 && !d.Shipments[^1].IsClosed;
}
