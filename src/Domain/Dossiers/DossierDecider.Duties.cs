using DossierTracking.Contracts.Dossiers;
using DossierTracking.Domain.Calendar;
using DossierTracking.Domain.Duties;

namespace DossierTracking.Domain.Dossiers;

/// <summary>
/// Scheduled duties, done by the system as time passes (<see cref="DossierDuties"/> says what is owed and when). Each is
/// one history entry; the warnings and flags change no state. A duty not owed (done already for this due date, this
/// arrival of the result or this shipment, or the dossier is paused or closed) or not due yet is refused, so running
/// the duties again changes nothing.
/// </summary>
public sealed partial class DossierDecider
{
    /// <summary>The first duty due now, in <see cref="DossierDuties.Actions"/> order; refused NOTHING_DUE when none is.</summary>
    public Decision RunDuty(DossierRecord? dossier, ActionContext context, DutySchedule schedule, DateTimeOffset now)
    {
        if (CheckDuty(DossierAction.Unspecified, dossier, context) is { } failure)
        {
            return failure;
        }

        var d = dossier!;
        if (DossierDuties.DueAt(d, schedule, calendar, now) is { } due)
        {
            return Duty(due.Duty, d, context, schedule, now);
        }

        var next = DossierDuties.NextAt(d, schedule, calendar);
        return Failures.Precondition(d.State, DossierDuties.NothingDueReason, next is { } at
            ? $"No duty is due now; the next one is due from {WorkingCalendar.ToLocal(at):yyyy-MM-dd HH:mm}."
            : "The dossier owes no duty.");
    }

    /// <summary>Warns the agency holding the dossier that its due date is near (once per due date).</summary>
    public Decision WarnDueSoon(DossierRecord? dossier, ActionContext context, DutySchedule schedule, DateTimeOffset now) =>
        Duty(DossierAction.DueSoon, dossier, context, schedule, now);

    /// <summary>Warns the agency holding the dossier that its due date passed (once per due date).</summary>
    public Decision WarnOverdue(DossierRecord? dossier, ActionContext context, DutySchedule schedule, DateTimeOffset now) =>
        Duty(DossierAction.Overdue, dossier, context, schedule, now);

    /// <summary>Reminds the desk of a result waiting there uncollected (once each time the result arrives at the desk).</summary>
    public Decision RemindUncollectedResult(DossierRecord? dossier, ActionContext context, DutySchedule schedule, DateTimeOffset now) =>
        Duty(DossierAction.ResultUncollected, dossier, context, schedule, now);

    /// <summary>Flags for the desk a shipment the post has reported nothing on (once per shipment).</summary>
    public Decision FlagSilentShipment(DossierRecord? dossier, ActionContext context, DutySchedule schedule, DateTimeOffset now) =>
        Duty(DossierAction.ShipmentSilent, dossier, context, schedule, now);

    private Decision Duty(DossierAction action, DossierRecord? dossier, ActionContext context, DutySchedule schedule, DateTimeOffset now)
    {
        if (action == DossierAction.ExpireSupplement)
        {
            return ExpireSupplement(dossier, context, now);
        }

        if (CheckDuty(action, dossier, context) is { } failure)
        {
            return failure;
        }

        var d = dossier!;
        var owed = DossierDuties.Owed(d, schedule, calendar).Where(o => o.Duty == action).Select(o => (OwedDuty?)o).FirstOrDefault();
        if (owed is not { } duty)
        {
            return Failures.Precondition(d.State, "DUTY_NOT_OWED",
                $"The dossier does not owe this: it cannot {Verb(action)} it in state {d.State} ({(int)d.State}), or it was done already.");
        }

        if (!duty.IsDueAt(now))
        {
            return Failures.Precondition(d.State, "DUTY_NOT_DUE", now < duty.DueFrom
                ? $"Not due before {WorkingCalendar.ToLocal(duty.DueFrom):yyyy-MM-dd HH:mm}."
                : "The due date passed: the overdue warning takes the place of this one.");
        }

        var shipment = d.Shipments.Count > 0 ? d.Shipments[^1].TrackingNumber : "";
        return action switch
        {
            // The warnings name the due date they are about in the step due date: once per due date is read from it.
            DossierAction.DueSoon or DossierAction.Overdue when DossierDuties.WarnedDueDate(d) is { } due =>
                Append(d, action, context, now, action == DossierAction.DueSoon ? $"Due {Local(due)}" : $"Due {Local(due)} passed", due),
            DossierAction.ResultUncollected => Append(d, action, context, now, $"Result waiting at the desk for {schedule.UncollectedResultWorkingDays} working days"),
            _ => Append(d, action, context, now, $"{shipment}: no report from the post since {Local(duty.DueFrom.AddDays(-schedule.SilentShipmentDays))}"),
        };
    }

    private static string Local(DateTimeOffset moment) =>
        WorkingCalendar.ToLocal(moment).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Only the system does duties; the dossier must exist and have room in its history.</summary>
    private static Failure? CheckDuty(DossierAction action, DossierRecord? dossier, ActionContext context)
    {
        if (context.Actor.Party != Party.System)
        {
            return Failures.PartyNotAllowed(context.Actor.Party, Verb(action));
        }

        return dossier is null ? Failures.UnknownDossier() : HistoryFull(dossier);
    }
}
