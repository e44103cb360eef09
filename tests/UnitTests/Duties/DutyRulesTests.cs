using DossierTracking.Contracts.Dossiers;
using DossierTracking.Contracts.Postal;
using DossierTracking.Domain.Agencies;
using DossierTracking.Domain.Dossiers;
using DossierTracking.Domain.Duties;
using DossierTracking.Domain.Notifications;
using static DossierTracking.Contracts.Dossiers.DossierState;
using static DossierTracking.UnitTests.Dossiers.Lifecycle;
using static DossierTracking.UnitTests.TestData;

namespace DossierTracking.UnitTests.Duties;

/// <summary>
/// The scheduled duties as the decider decides them: each is due from its moment, done once (per due date, per arrival
/// of the result, per shipment), never for a paused or closed dossier, and only by the system.
/// </summary>
public sealed class DutyRulesTests
{
    private static readonly DutySchedule Schedule = DutySchedule.Default;
    private static readonly ActionContext System = As(SystemActor);

    /// <summary>Accepted Monday 2020-10-19 09:00, 15 working days: due Monday 2020-11-09 09:00, due soon from Friday 09:00.</summary>
    private static readonly DateTimeOffset Due = Local(2020, 11, 9, 9, 0);

    private static DossierRecord Run(DossierRecord d, DateTimeOffset now) => Decider.RunDuty(d, System, Schedule, now).Ok();

    private static string Nothing(DossierRecord d, DateTimeOffset now) => Decider.RunDuty(d, System, Schedule, now).Refused().Reason;

    [Fact]
    public void A_passed_supplement_deadline_closes_the_dossier_as_the_system_once()
    {
        var waiting = InState(AwaitingSupplement);
        var deadline = waiting.Supplement!.Deadline;
        Assert.Equal(deadline.AddTicks(1), DossierDuties.NextAt(waiting, Schedule, TestData.Calendar));
        Assert.Equal(DossierDuties.NothingDueReason, Nothing(waiting, deadline));

        var closed = Run(waiting, deadline.AddMinutes(1));
        Assert.Equal(RejectedAtIntake, closed.State);
        var entry = closed.History[^1];
        Assert.Equal((DossierAction.ExpireSupplement, Party.System, AwaitingSupplement, RejectedAtIntake), (entry.Action, entry.Actor.Party, entry.FromState, entry.ToState));
        Assert.Equal("Supplement deadline passed", closed.ClosingReason);

        Assert.Equal(DossierDuties.NothingDueReason, Nothing(closed, deadline.AddDays(30)));
        Assert.Null(DossierDuties.NextAt(closed, Schedule, TestData.Calendar));
    }

    [Fact]
    public void A_due_date_warns_the_current_agency_once_when_near_and_once_when_passed()
    {
        var processing = InState(InProcessing);
        Assert.Equal(Due, processing.DueAt);
        var soonFrom = Local(2020, 11, 6, 9, 0);
        Assert.Equal(soonFrom, DossierDuties.NextAt(processing, Schedule, TestData.Calendar));
        Assert.Equal(DossierDuties.NothingDueReason, Nothing(processing, soonFrom.AddMinutes(-1)));
        Assert.Equal("DUTY_NOT_DUE", Decider.WarnDueSoon(processing, System, Schedule, soonFrom.AddMinutes(-1)).Refused().Reason);

        var warned = Run(processing, soonFrom);
        var soon = warned.History[^1];
        Assert.Equal((DossierAction.DueSoon, InProcessing, InProcessing, Construction, Due), (soon.Action, soon.FromState, soon.ToState, soon.AgencyCode, soon.StepDueAt));
        Assert.Equal((processing.Version + 1, InProcessing, Party.System), (warned.Version, warned.State, soon.Actor.Party));

        // A second warning for the same due date is refused; the next duty is the overdue one.
        Assert.Equal("DUTY_NOT_OWED", Decider.WarnDueSoon(warned, System, Schedule, soonFrom.AddHours(1)).Refused().Reason);
        Assert.Equal(DossierDuties.NothingDueReason, Nothing(warned, Due));
        Assert.Equal(Due.AddTicks(1), DossierDuties.NextAt(warned, Schedule, TestData.Calendar));

        var overdue = Run(warned, Due.AddMinutes(1));
        Assert.Equal((DossierAction.Overdue, Due, Construction), (overdue.History[^1].Action, overdue.History[^1].StepDueAt, overdue.History[^1].AgencyCode));
        Assert.Equal(DossierDuties.NothingDueReason, Nothing(overdue, Due.AddDays(10)));
        Assert.Equal("DUTY_NOT_OWED", Decider.WarnOverdue(overdue, System, Schedule, Due.AddDays(10)).Refused().Reason);
        Assert.Null(DossierDuties.NextAt(overdue, Schedule, TestData.Calendar));
    }

    [Fact]
    public void A_dossier_first_seen_past_its_due_date_is_warned_overdue_only()
    {
        var late = Run(InState(InProcessing), Due.AddDays(3));
        Assert.Equal(DossierAction.Overdue, late.History[^1].Action);
        Assert.Equal(DossierDuties.NothingDueReason, Nothing(late, Due.AddDays(4)));
        Assert.Equal("DUTY_NOT_OWED", Decider.WarnDueSoon(late, System, Schedule, Due.AddDays(4)).Refused().Reason);
        Assert.Equal("DUTY_NOT_DUE", Decider.WarnDueSoon(InState(InProcessing), System, Schedule, Due.AddDays(4)).Refused().Reason);
    }

    [Fact]
    public void The_warnings_take_the_configured_number_of_working_days()
    {
        var three = new DutySchedule { DueSoonWorkingDays = 3 };
        // Three working days before Monday 09:00: Wednesday 09:00.
        Assert.Equal(Local(2020, 11, 4, 9, 0), DossierDuties.NextAt(InState(InProcessing), three, TestData.Calendar));
    }

    [Fact]
    public void A_new_date_promised_by_an_apology_may_warn_again()
    {
        var warned = Run(InState(InProcessing), Local(2020, 11, 6, 10, 0));
        var promised = Local(2020, 11, 13, 16, 0);
        var apologised = Decider.IssueApology(warned, As(AgencyOfficer()), promised, "Cần xác minh thêm", Local(2020, 11, 6, 11, 0)).Ok();

        // The legal due date passing does not warn: the office must meet the promise now.
        Assert.Equal(DossierDuties.NothingDueReason, Nothing(apologised, Due.AddHours(1)));
        Assert.Equal(Local(2020, 11, 12, 16, 0), DossierDuties.NextAt(apologised, Schedule, TestData.Calendar));
        var again = Run(apologised, Local(2020, 11, 12, 16, 0));
        Assert.Equal((DossierAction.DueSoon, promised), (again.History[^1].Action, again.History[^1].StepDueAt));
        Assert.Equal(2, again.History.Count(h => h.Action == DossierAction.DueSoon));
    }

    [Fact]
    public void Paused_and_closed_dossiers_are_not_warned_and_a_new_due_date_after_a_pause_may_warn_again()
    {
        var warned = Run(InState(InProcessing), Local(2020, 11, 6, 10, 0));
        var paused = Decider.RequestSupplement(warned, As(AgencyOfficer()), Supplement(Local(2020, 12, 31)), Local(2020, 11, 6, 11, 0)).Ok();
        Assert.Equal(AwaitingSupplement, paused.State);
        Assert.Equal(DossierDuties.NothingDueReason, Nothing(paused, Due.AddDays(1)));
        Assert.Equal("DUTY_NOT_OWED", Decider.WarnOverdue(paused, System, Schedule, Due.AddDays(1)).Refused().Reason);

        // Restart rule: a fresh 15 working days from the supplement's receipt, so a fresh pair of warnings.
        var resumed = Decider.ReceiveSupplement(paused, As(DeskOfficer()), Local(2020, 11, 16, 9, 0)).Ok();
        Assert.Equal(Local(2020, 12, 7, 9, 0), resumed.DueAt);
        Assert.Equal(DossierAction.DueSoon, Run(resumed, Local(2020, 12, 4, 9, 0)).History[^1].Action);

        var stopped = Decider.Stop(warned, As(AgencyLeader()), "Vi phạm", Local(2020, 11, 6, 11, 0)).Ok();
        Assert.Equal(DossierDuties.NothingDueReason, Nothing(stopped, Due.AddDays(1)));
        Assert.Null(DossierDuties.NextAt(stopped, Schedule, TestData.Calendar));
    }

    [Fact]
    public void A_result_waiting_at_the_desk_is_a_reminder_once()
    {
        // Recorded Monday 2020-10-19 11:00: five working days later is Monday 2020-10-26 11:00.
        var ready = InState(ResultReady);
        var remindFrom = Local(2020, 10, 26, 11, 0);
        Assert.Equal(remindFrom, DossierDuties.NextAt(ready, Schedule, TestData.Calendar));
        Assert.Equal(DossierDuties.NothingDueReason, Nothing(ready, remindFrom.AddMinutes(-1)));

        var reminded = Run(ready, remindFrom);
        var entry = reminded.History[^1];
        Assert.Equal((DossierAction.ResultUncollected, ResultReady, Centre), (entry.Action, entry.ToState, entry.AgencyCode));
        Assert.Equal(DossierDuties.NothingDueReason, Nothing(reminded, remindFrom.AddDays(30)));
        Assert.Null(DossierDuties.NextAt(reminded, Schedule, TestData.Calendar));
        Assert.Null(DossierDuties.NextAt(InState(ResultReturned), Schedule, TestData.Calendar));
    }

    [Fact]
    public void A_shipment_the_post_went_silent_on_is_flagged_once_and_a_result_with_the_post_is_not_uncollected()
    {
        var handedAt = Local(2020, 10, 21, 9, 0);
        var handed = Decider.HandToPost(ReadyByPost(), As(DeskOfficer()), "", Carrier, ResultReturnedAt.Delivery, handedAt).Ok();
        Assert.Equal(handedAt.AddDays(7), DossierDuties.NextAt(handed, Schedule, TestData.Calendar));

        // A report from the post restarts the wait, from when it was received.
        var heard = Decider.ReportPostal(handed, new PostalReport
        {
            ShipmentNumber = 1, EventId = "E1", Status = ShipmentStatus.Accepted, OccurredAt = handedAt.AddDays(1), Operator = Carrier,
        }, handedAt.AddDays(2)).Next!;
        Assert.Equal(handedAt.AddDays(9), DossierDuties.NextAt(heard, Schedule, TestData.Calendar));
        Assert.Equal(DossierDuties.NothingDueReason, Nothing(heard, handedAt.AddDays(8)));

        var flagged = Run(heard, handedAt.AddDays(9));
        var entry = flagged.History[^1];
        Assert.Equal((DossierAction.ShipmentSilent, Centre), (entry.Action, entry.AgencyCode));
        Assert.StartsWith($"{Code}-P1:", entry.Note);
        Assert.Equal(DossierDuties.NothingDueReason, Nothing(flagged, handedAt.AddDays(40)));
        Assert.Equal("DUTY_NOT_OWED", Decider.FlagSilentShipment(flagged, System, Schedule, handedAt.AddDays(40)).Refused().Reason);

        // Back from the post: the result waits at the desk again (a reminder may come), and a second shipment may be flagged.
        var back = Decider.ReportPostal(flagged, new PostalReport
        {
            ShipmentNumber = 1, EventId = "E2", Status = ShipmentStatus.ReturnedToSender, OccurredAt = handedAt.AddDays(20), Operator = Carrier,
        }, handedAt.AddDays(20)).Next!;
        Assert.Equal(TestData.Calendar.AddWorkingDays(handedAt.AddDays(20), 5), DossierDuties.NextAt(back, Schedule, TestData.Calendar));
        var again = Decider.HandToPost(back, As(DeskOfficer()), "", Carrier, ResultReturnedAt.Delivery, handedAt.AddDays(21)).Ok();
        Assert.Equal(DossierAction.ShipmentSilent, Run(again, handedAt.AddDays(29)).History[^1].Action);
    }

    [Fact]
    public void Only_the_system_does_duties()
    {
        var refused = Decider.RunDuty(InState(AwaitingSupplement), As(DeskOfficer()), Schedule, Start.AddDays(30)).Refused();
        Assert.Equal((FailureKind.PermissionDenied, "PARTY_NOT_ALLOWED"), (refused.Kind, refused.Reason));
        Assert.Equal("DOSSIER_NOT_FOUND", Decider.RunDuty(null, System, Schedule, Start).Refused().Reason);
    }

    [Fact]
    public void Applicants_are_not_told_of_the_duties_warnings()
    {
        foreach (var action in new[] { DossierAction.DueSoon, DossierAction.Overdue, DossierAction.ResultUncollected, DossierAction.ShipmentSilent })
        {
            var entry = new HistoryEntry
            {
                Version = 5, At = Start, Action = action, Actor = SystemActor, FromState = InProcessing, ToState = InProcessing, AgencyCode = Construction,
            };
            Assert.Null(NotificationRules.KindOf(entry));
        }
    }

    [Fact]
    public void The_read_model_row_carries_the_moment_of_the_next_duty()
    {
        var processing = InState(InProcessing);
        Assert.Equal(Local(2020, 11, 6, 9, 0), DossierIndexRows.From(processing, TestData.Calendar, Schedule).DutyAt);
        Assert.Null(DossierIndexRows.From(InState(Submitted), TestData.Calendar, Schedule).DutyAt);
    }

    private static DossierRecord ReadyByPost()
    {
        var submitted = Decider.Create(Online() with { Delivery = ReturnMethod.Post, DeliveryAddress = "Số 5 phố Lê Thánh Tông" }, Code, Start, PinHash).Ok();
        var received = Decider.Accept(submitted, As(DeskOfficer()), Start.AddHours(1)).Ok();
        var processing = Decider.Forward(received, As(DeskOfficer()), Start.AddHours(2)).Ok();
        return Decider.RecordResult(processing, As(AgencyOfficer()), ResultKind.Approved, "GP-9", Start.AddDays(1)).Ok();
    }
}
