using DossierTracking.Contracts.Dossiers;
using DossierTracking.Domain.Dossiers;
using static DossierTracking.Contracts.Dossiers.DossierState;
using static DossierTracking.UnitTests.TestData;

namespace DossierTracking.UnitTests.Dossiers;

public sealed class DeadlineTests
{
    private const string Code = "H49.50-201016-0001";

    [Fact]
    public void A_counter_dossier_is_due_the_limit_in_working_days_after_intake()
    {
        var received = Decider.Create(AtCounter(), Code, Local(2020, 10, 16, 15, 0), TestData.PinHash).Ok();
        Assert.Equal(Received, received.State);
        Assert.Equal(Local(2020, 10, 16, 15, 0), received.ReceivedAt);
        Assert.Equal(Local(2020, 11, 6, 15, 0), received.DueAt);
        Assert.Equal(received.DueAt, received.History[0].StepDueAt);
    }

    [Fact]
    public void An_online_dossier_has_no_due_date_until_the_desk_accepts_it()
    {
        var submitted = Decider.Create(Online(), Code, Local(2020, 10, 16, 22, 0), TestData.PinHash).Ok();
        Assert.Equal(Submitted, submitted.State);
        Assert.Null(submitted.DueAt);
        Assert.Equal(Timeliness.NotApplicable, DossierTimeliness.Evaluate(submitted, Local(2021, 1, 1)));

        // Accepted Saturday morning: the clock starts Monday 07:00.
        var accepted = Decider.Accept(submitted, As(DeskOfficer()), Local(2020, 10, 17, 9, 0)).Ok();
        Assert.Equal(Local(2020, 10, 17, 9, 0), accepted.ReceivedAt);
        Assert.Equal(Local(2020, 11, 9, 7, 0), accepted.DueAt);
    }

    [Fact]
    public void Online_dossiers_use_the_separate_online_limit_where_there_is_one()
    {
        var counter = Decider.Create(AtCounter(CalendarDays), Code, Local(2020, 10, 19, 9, 0), TestData.PinHash).Ok();
        Assert.Equal(Local(2020, 10, 29, 9, 0), counter.DueAt); // 10 calendar days

        var online = Decider.Create(Online(CalendarDays), Code, Local(2020, 10, 19, 9, 0), TestData.PinHash).Ok();
        var accepted = Decider.Accept(online, As(DeskOfficer()), Local(2020, 10, 19, 9, 0)).Ok();
        Assert.Equal(Local(2020, 10, 28, 9, 0), accepted.DueAt); // 7 working days
    }

    [Fact]
    public void Under_the_pause_rule_the_working_time_spent_waiting_is_added()
    {
        var processing = Forwarded(LandCertificate, EnvironmentDept, Local(2020, 10, 19, 8, 0));
        var dueBefore = processing.DueAt!.Value;

        var waiting = Decider.RequestSupplement(processing, As(AgencyOfficer(EnvironmentDept)),
            Lifecycle.Supplement(Local(2020, 11, 30)), Local(2020, 10, 19, 10, 0)).Ok();
        Assert.Equal(AwaitingSupplement, waiting.State);
        Assert.Equal(Local(2020, 10, 19, 10, 0), waiting.PausedAt);

        var resumed = Decider.ReceiveSupplement(waiting, As(DeskOfficer()), Local(2020, 10, 21, 10, 0)).Ok();
        var pause = Assert.Single(resumed.Pauses);
        Assert.Equal(TimeSpan.FromHours(16), pause.WorkingTimeAdded);
        Assert.Equal(dueBefore, pause.DueAtBefore);
        Assert.Equal(Decider.Calendar.AddWorkingTime(dueBefore, TimeSpan.FromHours(16)), resumed.DueAt);
        Assert.Equal(resumed.DueAt, pause.DueAtAfter);
        Assert.Equal(Local(2020, 10, 21, 10, 0), pause.EndedAt);
        Assert.Null(resumed.PausedAt);
        Assert.Equal(InProcessing, resumed.State);
    }

    [Fact]
    public void Under_the_restart_rule_the_due_date_is_computed_afresh_from_the_complete_supplement()
    {
        var processing = Forwarded(BuildingPermit, Construction, Local(2020, 10, 19, 8, 0));
        var waiting = Decider.RequestSupplement(processing, As(AgencyOfficer()), Lifecycle.Supplement(Local(2020, 11, 30)), Local(2020, 10, 20, 9, 0)).Ok();
        var resumed = Decider.ReceiveSupplement(waiting, As(DeskOfficer()), Local(2020, 10, 23, 14, 0)).Ok();

        Assert.Equal(Decider.Calendar.AddWorkingDays(Local(2020, 10, 23, 14, 0), 15), resumed.DueAt);
        var pause = Assert.Single(resumed.Pauses);
        Assert.Equal(TimeSpan.Zero, pause.WorkingTimeAdded);
        Assert.Equal(processing.DueAt, pause.DueAtBefore);
        Assert.Equal(resumed.DueAt, pause.DueAtAfter);
    }

    [Fact]
    public void Every_pause_is_recorded()
    {
        var d = Forwarded(LandCertificate, EnvironmentDept, Local(2020, 10, 19, 8, 0));
        d = Decider.RequestSupplement(d, As(AgencyOfficer(EnvironmentDept)), Lifecycle.Supplement(Local(2020, 12, 1)), Local(2020, 10, 19, 9, 0)).Ok();
        d = Decider.ReceiveSupplement(d, As(DeskOfficer()), Local(2020, 10, 19, 10, 0)).Ok();
        d = Decider.RequestPayment(d, As(AgencyOfficer(EnvironmentDept)), [Lifecycle.Fee], Local(2020, 10, 20, 9, 0)).Ok();
        d = Decider.ConfirmPayment(d, As(Payment), "TXN-42", Local(2020, 10, 20, 11, 0)).Ok();

        Assert.Equal(2, d.Pauses.Count);
        Assert.Equal([AwaitingSupplement, AwaitingPayment], d.Pauses.Select(p => p.Reason));
        Assert.Equal([TimeSpan.FromHours(1), TimeSpan.FromHours(2)], d.Pauses.Select(p => p.WorkingTimeAdded));
        Assert.All(d.Pauses, p => Assert.NotNull(p.EndedAt));
        Assert.Equal("TXN-42", d.PaymentRef);
    }

    [Fact]
    public void A_dossier_is_early_on_time_or_late_by_calendar_date_of_finishing()
    {
        var processing = Forwarded(BuildingPermit, Construction, Local(2020, 10, 19, 8, 0));
        var due = processing.DueAt!.Value; // Monday 9/11/2020 08:00
        Assert.Equal(Local(2020, 11, 9, 8, 0), due);

        Timeliness FinishedAt(DateTimeOffset at) =>
            DossierTimeliness.Evaluate(Decider.RecordResult(processing, As(AgencyOfficer()), ResultKind.Approved, "QĐ", at).Ok(), at.AddDays(30));

        Assert.Equal(Timeliness.Early, FinishedAt(Local(2020, 11, 6, 16, 0)));
        Assert.Equal(Timeliness.OnTime, FinishedAt(Local(2020, 11, 9, 16, 30))); // later the same day is still on time
        Assert.Equal(Timeliness.Late, FinishedAt(Local(2020, 11, 10, 7, 0)));
    }

    [Fact]
    public void An_open_dossier_is_within_deadline_or_overdue_now()
    {
        var processing = Forwarded(BuildingPermit, Construction, Local(2020, 10, 19, 8, 0));
        Assert.Equal(Timeliness.WithinDeadline, DossierTimeliness.Evaluate(processing, Local(2020, 11, 9, 8, 0)));
        Assert.Equal(Timeliness.Overdue, DossierTimeliness.Evaluate(processing, Local(2020, 11, 9, 8, 1)));
    }

    [Fact]
    public void A_paused_dossier_is_judged_at_the_moment_its_pause_began()
    {
        var processing = Forwarded(BuildingPermit, Construction, Local(2020, 10, 19, 8, 0));
        var waiting = Decider.RequestSupplement(processing, As(AgencyOfficer()), Lifecycle.Supplement(Local(2021, 1, 1)), Local(2020, 11, 2, 9, 0)).Ok();
        Assert.Equal(Timeliness.WithinDeadline, DossierTimeliness.Evaluate(waiting, Local(2020, 12, 1)));

        var lateWaiting = Decider.RequestSupplement(processing, As(AgencyOfficer()), Lifecycle.Supplement(Local(2021, 1, 1)), Local(2020, 11, 10, 9, 0)).Ok();
        Assert.Equal(Timeliness.Overdue, DossierTimeliness.Evaluate(lateWaiting, Local(2020, 11, 10, 9, 0)));
    }

    [Fact]
    public void An_apology_moves_the_promise_but_not_the_due_date_or_the_KPI()
    {
        var processing = Forwarded(BuildingPermit, Construction, Local(2020, 10, 19, 8, 0));
        var due = processing.DueAt!.Value;
        Assert.False(DossierTimeliness.IsApologyDue(processing, Local(2020, 11, 5, 8, 0), Decider.Calendar));
        Assert.True(DossierTimeliness.IsApologyDue(processing, Local(2020, 11, 6, 8, 0), Decider.Calendar)); // one working day before

        var apologised = Decider.IssueApology(processing, As(AgencyOfficer()), Local(2020, 11, 16, 8, 0), "Chờ ý kiến liên ngành", Local(2020, 11, 6, 9, 0)).Ok();
        Assert.Equal(due, apologised.DueAt);
        Assert.Equal(Local(2020, 11, 16, 8, 0), apologised.PromisedAt);
        Assert.False(DossierTimeliness.IsApologyDue(apologised, Local(2020, 11, 6, 9, 0), Decider.Calendar));

        var finished = Decider.RecordResult(apologised, As(AgencyOfficer()), ResultKind.Approved, "QĐ", Local(2020, 11, 13, 9, 0)).Ok();
        Assert.Equal(Timeliness.Late, DossierTimeliness.Evaluate(finished, Local(2020, 11, 13, 9, 0)));

        Assert.Equal("PROMISED_DATE_NOT_LATER",
            Decider.IssueApology(apologised, As(AgencyOfficer()), Local(2020, 11, 12, 8, 0), "x", Local(2020, 11, 6, 10, 0)).Refused().Reason);
    }

    [Fact]
    public void A_whole_lifecycle_leaves_one_history_row_per_change()
    {
        var d = Decider.Create(Online(), Code, Local(2020, 10, 19, 8, 0), TestData.PinHash).Ok();
        d = Decider.Accept(d, As(DeskOfficer()), Local(2020, 10, 19, 9, 0)).Ok();
        d = Decider.Forward(d, As(DeskOfficer()), Local(2020, 10, 19, 10, 0)).Ok();
        d = Decider.RequestSupplement(d, As(AgencyOfficer()), Lifecycle.Supplement(Local(2020, 11, 1)), Local(2020, 10, 20, 9, 0)).Ok();
        d = Decider.ReceiveSupplement(d, As(DeskOfficer()), Local(2020, 10, 21, 9, 0)).Ok();
        d = Decider.RecordResult(d, As(AgencyOfficer()), ResultKind.Approved, "GP-2020-001", Local(2020, 10, 28, 9, 0)).Ok();
        d = Decider.ReturnResult(d, As(DeskOfficer()), ReturnMethod.InPerson, Local(2020, 10, 29, 9, 0)).Ok();

        Assert.Equal(ResultReturned, d.State);
        Assert.Equal(7, d.Version);
        Assert.Equal(
            [DossierAction.Submit, DossierAction.Accept, DossierAction.Forward, DossierAction.RequestSupplement,
             DossierAction.ReceiveSupplement, DossierAction.RecordResult, DossierAction.ReturnResult],
            d.History.Select(h => h.Action));
        Assert.Equal([1L, 2, 3, 4, 5, 6, 7], d.History.Select(h => h.Version));
        Assert.Equal([None, Submitted, Received, InProcessing, AwaitingSupplement, InProcessing, ResultReady], d.History.Select(h => h.FromState));
        Assert.Equal([Centre, Centre, Construction, Construction, Construction, Centre, Centre], d.History.Select(h => h.AgencyCode));
        Assert.Equal(Timeliness.Early, DossierTimeliness.Evaluate(d, Local(2020, 12, 1)));
    }

    private static DossierRecord Forwarded(string procedure, string agency, DateTimeOffset receivedAt)
    {
        var received = Decider.Create(AtCounter(procedure), Code, receivedAt, TestData.PinHash).Ok();
        var forwarded = Decider.Forward(received, As(DeskOfficer()), receivedAt).Ok();
        Assert.Equal(agency, forwarded.CurrentAgencyCode);
        return forwarded;
    }
}
