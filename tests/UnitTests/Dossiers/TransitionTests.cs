using DossierTracking.Contracts.Dossiers;
using DossierTracking.Domain.Dossiers;
using static DossierTracking.Contracts.Dossiers.DossierState;
using static DossierTracking.UnitTests.Dossiers.Lifecycle;
using static DossierTracking.UnitTests.TestData;

namespace DossierTracking.UnitTests.Dossiers;

/// <summary>Every action from every state, against the table in docs/domain.md written out here independently.</summary>
public sealed class TransitionTests
{
    /// <summary>docs/domain.md "Transitions and who may make them": from-states, target, and parties.</summary>
    private static readonly Dictionary<DossierAction, (DossierState[] From, DossierState? To, Party[] Parties)> Domain = new()
    {
        [DossierAction.Accept] = ([Submitted], Received, [Party.DeskOfficer]),
        [DossierAction.RefuseIntake] = ([Submitted], RejectedAtIntake, [Party.DeskOfficer]),
        [DossierAction.RequestSupplement] = ([Submitted, Received, InProcessing], AwaitingSupplement, [Party.DeskOfficer, Party.AgencyOfficer]),
        [DossierAction.ReceiveSupplement] = ([AwaitingSupplement], InProcessing, [Party.DeskOfficer]),
        [DossierAction.ExpireSupplement] = ([AwaitingSupplement], RejectedAtIntake, [Party.DeskOfficer, Party.System]),
        [DossierAction.Forward] = ([Received], InProcessing, [Party.DeskOfficer]),
        [DossierAction.RecordStep] = ([InProcessing], InProcessing, [Party.AgencyOfficer]),
        [DossierAction.Transfer] = ([InProcessing], InProcessing, [Party.AgencyOfficer]),
        [DossierAction.RequestPayment] = ([InProcessing], AwaitingPayment, [Party.AgencyOfficer]),
        [DossierAction.ConfirmPayment] = ([AwaitingPayment], InProcessing, [Party.PaymentIntermediary]),
        [DossierAction.Stop] = ([InProcessing, AwaitingSupplement], Stopped, [Party.AgencyLeader]),
        [DossierAction.Withdraw] = ([Submitted, Received, InProcessing, AwaitingSupplement, AwaitingPayment], Withdrawn, [Party.Portal, Party.DeskOfficer]),
        [DossierAction.RecordResult] = ([InProcessing], ResultReady, [Party.AgencyOfficer]),
        // The post returns a result only by reporting the delivery of the shipment it carries (PostalTests).
        [DossierAction.ReturnResult] = ([ResultReady], ResultReturned, [Party.DeskOfficer]),
        [DossierAction.IssueApology] = ([Received, InProcessing, AwaitingSupplement, AwaitingPayment], null, [Party.DeskOfficer, Party.AgencyOfficer, Party.AgencyLeader]),
        // No change of state: the applicant rates once the result is returned; a new lookup PIN in any state.
        [DossierAction.Rate] = ([ResultReturned], null, [Party.Portal, Party.DeskOfficer]),
        [DossierAction.LookupPinIssued] = ([Submitted, Received, RejectedAtIntake, InProcessing, AwaitingSupplement, AwaitingPayment, Withdrawn, Stopped,
            ResultReady, ResultReturned], null, [Party.Portal, Party.DeskOfficer]),
        // No change of state: papers from the portal and the desk while the dossier is with them, the result document from the agency.
        [DossierAction.AttachDocument] = ([Submitted, Received, InProcessing, AwaitingSupplement, ResultReady], null,
            [Party.Portal, Party.DeskOfficer, Party.AgencyOfficer]),
    };

    private static readonly DateTimeOffset Later = Start.AddDays(20);

    public static TheoryData<DossierAction, DossierState> ActionsByState()
    {
        var data = new TheoryData<DossierAction, DossierState>();
        foreach (var action in Domain.Keys)
        {
            foreach (var state in Enum.GetValues<DossierState>().Where(s => s != None))
            {
                data.Add(action, state);
            }
        }

        return data;
    }

    public static TheoryData<DossierAction, Party> ActionsByParty()
    {
        var data = new TheoryData<DossierAction, Party>();
        foreach (var action in Domain.Keys.Append(DossierAction.ReturnFromTransfer))
        {
            foreach (var party in Enum.GetValues<Party>().Where(p => p != Party.Unspecified))
            {
                data.Add(action, party);
            }
        }

        return data;
    }

    [Fact]
    public void The_table_covers_every_lifecycle_action()
    {
        // Creation is not a transition; partners' reports and the system's scheduled duties are decided by their own
        // rules (PaymentTests, PostalTests, DutyRulesTests).
        var actions = Enum.GetValues<DossierAction>().Where(a => a is not (DossierAction.Unspecified or DossierAction.Submit or DossierAction.Receive
            or DossierAction.PaymentReported or DossierAction.PostalEvent or DossierAction.ReturnedToSender
            or DossierAction.DueSoon or DossierAction.Overdue or DossierAction.ResultUncollected or DossierAction.ShipmentSilent));
        Assert.Equal(actions.Order(), TransitionTable.All.Select(r => r.Action).Order());
    }

    [Theory]
    [MemberData(nameof(ActionsByState))]
    public void An_action_succeeds_exactly_from_the_states_DOMAIN_allows(DossierAction action, DossierState state)
    {
        var dossier = InState(state);
        var (from, to, parties) = Domain[action];
        var rule = TransitionTable.For(action);
        foreach (var party in parties)
        {
            var permission = rule.Permissions.Single(p => p.Party == party);
            var decision = Invoke(action, dossier, As(ActorFor(permission, dossier)), Later);
            var legalForParty = from.Contains(state) && (permission.OnlyFrom is null || permission.OnlyFrom.Contains(state));
            if (legalForParty)
            {
                var next = decision.Ok();
                Assert.Equal(to ?? state, next.State);
                Assert.Equal(dossier.Version + 1, next.Version);
                Assert.Equal(dossier.History.Count + 1, next.History.Count);
                Assert.Equal(state, next.History[^1].FromState);
                Assert.Equal(next.State, next.History[^1].ToState);
                Assert.Equal(action, next.History[^1].Action);
                Assert.Equal(party, next.History[^1].Actor.Party);
                Assert.Equal(Later, next.History[^1].At);
            }
            else
            {
                var failure = decision.Refused();
                Assert.Equal(FailureKind.FailedPrecondition, failure.Kind);
                Assert.Equal(state, failure.CurrentState);
                Assert.Contains(state.ToString(), failure.Message);
            }
        }
    }

    [Fact]
    public void A_desk_officer_may_request_a_supplement_only_before_forwarding()
    {
        var processing = InState(InProcessing);
        var failure = Decider.RequestSupplement(processing, As(DeskOfficer()), Supplement(Later.AddDays(5)), Later).Refused();
        Assert.Equal(FailureKind.FailedPrecondition, failure.Kind);
        Assert.Equal(InProcessing, failure.CurrentState);
    }

    [Theory]
    [MemberData(nameof(ActionsByParty))]
    public void Only_the_parties_DOMAIN_names_may_take_an_action(DossierAction action, Party party)
    {
        var allowed = action == DossierAction.ReturnFromTransfer ? [Party.AgencyOfficer] : Domain[action].Parties;
        var dossier = InState(action == DossierAction.ReturnFromTransfer ? InProcessing : Domain[action].From[0]);
        var actor = new Actor { Party = party, PersonId = party == Party.Portal ? dossier.SubmittingPortal : "p-1", AgencyCode = dossier.CurrentAgencyCode };
        var decision = Invoke(action, dossier, As(actor), Later);
        if (!allowed.Contains(party))
        {
            var failure = decision.Refused();
            Assert.Equal(FailureKind.PermissionDenied, failure.Kind);
            Assert.Equal("PARTY_NOT_ALLOWED", failure.Reason);
        }
        else
        {
            Assert.NotEqual("PARTY_NOT_ALLOWED", decision.Failure?.Reason);
        }
    }

    [Fact]
    public void An_officer_of_another_unit_is_refused_and_learns_nothing_of_the_state()
    {
        var submitted = InState(Submitted);
        var otherDesk = Decider.Accept(submitted, As(DeskOfficer(HaLong)), Later).Refused();
        Assert.Equal(FailureKind.PermissionDenied, otherDesk.Kind);
        Assert.Equal("OUTSIDE_AGENCY", otherDesk.Reason);
        Assert.Null(otherDesk.CurrentState);

        var processing = InState(InProcessing);
        var otherAgency = Decider.RecordResult(processing, As(AgencyOfficer(EnvironmentDept)), ResultKind.Approved, "QĐ", Later).Refused();
        Assert.Equal("OUTSIDE_AGENCY", otherAgency.Reason);
    }

    [Fact]
    public void A_change_to_an_unknown_dossier_is_refused_like_one_that_is_not_the_callers()
    {
        // Only the system may act on every dossier: it alone is told that a code has none.
        Assert.Equal(FailureKind.NotFound, Decider.ExpireSupplement(null, As(SystemActor), Later).Refused().Kind);

        // A portal learns nothing about codes it did not submit.
        var unknownToPortal = Decider.Withdraw(null, As(Portal), "", Later).Refused();
        var foreignToPortal = Decider.Withdraw(InState(Submitted), As(Portal with { PersonId = "another-portal" }), "", Later).Refused();
        Assert.Equal((FailureKind.PermissionDenied, "NOT_YOUR_DOSSIER"), (unknownToPortal.Kind, unknownToPortal.Reason));
        Assert.Equal((unknownToPortal.Kind, unknownToPortal.Reason, unknownToPortal.Message), (foreignToPortal.Kind, foreignToPortal.Reason, foreignToPortal.Message));

        // An officer learns nothing about codes their unit does not hold: unknown and foreign dossiers are refused alike.
        var unknown = Decider.Accept(null, As(DeskOfficer()), Later).Refused();
        var foreign = Decider.Accept(InState(Submitted), As(DeskOfficer(HaLong)), Later).Refused();
        Assert.Equal((FailureKind.PermissionDenied, "OUTSIDE_AGENCY"), (unknown.Kind, unknown.Reason));
        Assert.Equal((unknown.Kind, unknown.Reason, unknown.Message), (foreign.Kind, foreign.Reason, foreign.Message));
    }

    [Fact]
    public void A_stale_expected_version_is_a_lost_race()
    {
        var submitted = InState(Submitted);
        var failure = Decider.Accept(submitted, As(DeskOfficer(), expectedVersion: 7), Later).Refused();
        Assert.Equal(FailureKind.Aborted, failure.Kind);
        Assert.Equal("VERSION_MISMATCH", failure.Reason);
        Assert.Equal(Received, Decider.Accept(submitted, As(DeskOfficer(), expectedVersion: 1), Later).Ok().State);
    }

    [Fact]
    public void Transfer_goes_to_the_coordinating_agency_and_back()
    {
        var processing = InState(InProcessing);
        var transferred = Decider.Transfer(processing, As(AgencyOfficer()), EnvironmentDept, 3, Later).Ok();
        Assert.Equal(EnvironmentDept, transferred.CurrentAgencyCode);
        Assert.Equal(Construction, transferred.HandlingAgencyCode);
        Assert.Equal(Decider.Calendar.AddWorkingDays(Later, 3), transferred.History[^1].StepDueAt);

        // While it is away the competent agency cannot decide, and it cannot be transferred twice.
        Assert.Equal("AT_COORDINATING_AGENCY", Decider.RecordResult(transferred, As(AgencyOfficer()), ResultKind.Approved, "QĐ", Later).Refused().Reason);
        Assert.Equal("OUTSIDE_AGENCY", Decider.Transfer(transferred, As(AgencyOfficer(EnvironmentDept)), Construction, null, Later).Refused().Reason);

        // Only the coordinating agency passes it back.
        Assert.Equal("OUTSIDE_AGENCY", Decider.ReturnFromTransfer(transferred, As(AgencyOfficer()), Later).Refused().Reason);
        var back = Decider.ReturnFromTransfer(transferred, As(AgencyOfficer(EnvironmentDept)), Later.AddHours(1)).Ok();
        Assert.Equal(Construction, back.CurrentAgencyCode);
        Assert.Equal("NOT_TRANSFERRED", Decider.ReturnFromTransfer(back, As(AgencyOfficer(Construction)), Later).Refused().Reason);
        Assert.Equal(InProcessing, back.State);
        Assert.Equal([DossierAction.Transfer, DossierAction.ReturnFromTransfer], back.History.TakeLast(2).Select(h => h.Action));
    }

    [Fact]
    public void Transfer_to_an_unknown_or_the_same_agency_is_refused()
    {
        var processing = InState(InProcessing);
        Assert.Equal(FailureKind.NotFound, Decider.Transfer(processing, As(AgencyOfficer()), "H49.99", null, Later).Refused().Kind);
        Assert.Equal("SAME_AGENCY", Decider.Transfer(processing, As(AgencyOfficer()), Construction, null, Later).Refused().Reason);
    }

    [Fact]
    public void Expiring_a_supplement_before_its_deadline_is_refused()
    {
        var waiting = InState(AwaitingSupplement);
        var failure = Decider.ExpireSupplement(waiting, As(SystemActor), waiting.Supplement!.Deadline).Refused();
        Assert.Equal("SUPPLEMENT_DEADLINE_NOT_PASSED", failure.Reason);
        Assert.Equal(RejectedAtIntake, Decider.ExpireSupplement(waiting, As(SystemActor), waiting.Supplement.Deadline.AddSeconds(1)).Ok().State);
    }

    [Fact]
    public void A_supplement_returns_the_dossier_to_where_it_was()
    {
        var fromSubmitted = Decider.RequestSupplement(InState(Submitted), As(DeskOfficer()), Supplement(Later), Start.AddHours(2)).Ok();
        Assert.Equal(Submitted, Decider.ReceiveSupplement(fromSubmitted, As(DeskOfficer()), Start.AddHours(3)).Ok().State);

        var fromReceived = Decider.RequestSupplement(InState(Received), As(DeskOfficer()), Supplement(Later), Start.AddHours(2)).Ok();
        Assert.Equal(Received, Decider.ReceiveSupplement(fromReceived, As(DeskOfficer()), Start.AddHours(3)).Ok().State);
    }

    [Fact]
    public void The_postal_service_cannot_return_a_result_except_by_reporting_its_shipment()
    {
        var ready = InState(ResultReady);
        var failure = Decider.ReturnResult(ready, As(Post), ReturnMethod.Post, Later).Refused();
        Assert.Equal((FailureKind.PermissionDenied, "PARTY_NOT_ALLOWED"), (failure.Kind, failure.Reason));
    }

    [Fact]
    public void A_portal_withdraws_and_rates_only_the_dossiers_it_submitted_unless_the_applicant_proved_who_they_are()
    {
        var submitted = InState(Submitted);
        var other = Portal with { PersonId = "another-portal" };
        Assert.Equal("NOT_YOUR_DOSSIER", Decider.Withdraw(submitted, As(other), "", Later).Refused().Reason);
        Assert.Equal(Withdrawn, Decider.Withdraw(submitted, As(other) with { ApplicantProven = true }, "", Later).Ok().State);
        Assert.Equal(Withdrawn, Decider.Withdraw(submitted, As(Portal), "", Later).Ok().State);

        var returned = InState(ResultReturned);
        Assert.Equal("NOT_YOUR_DOSSIER", Decider.Rate(returned, As(other), Satisfaction.Satisfied, "", Later).Refused().Reason);
        Assert.NotNull(Decider.Rate(returned, As(Portal), Satisfaction.Satisfied, "", Later).Ok().Rating);
    }

    [Fact]
    public void A_desk_officer_rates_returns_and_hands_over_only_at_their_own_desk()
    {
        var returned = InState(ResultReturned);
        Assert.Equal("OUTSIDE_AGENCY", Decider.Rate(returned, As(DeskOfficer(HaLong)), Satisfaction.Satisfied, "", Later).Refused().Reason);
        Assert.Equal("OUTSIDE_AGENCY", Decider.Rate(null, As(DeskOfficer(HaLong)), Satisfaction.Satisfied, "", Later).Refused().Reason);
        Assert.Equal("OUTSIDE_AGENCY", Decider.ReturnResult(InState(ResultReady), As(DeskOfficer(HaLong)), ReturnMethod.InPerson, Later).Refused().Reason);
    }

    [Fact]
    public void Missing_reasons_and_bad_arguments_are_invalid()
    {
        Assert.Equal(FailureKind.InvalidArgument, Decider.RefuseIntake(InState(Submitted), As(DeskOfficer()), " ", Later).Refused().Kind);
        Assert.Equal("reason", Decider.Stop(InState(InProcessing), As(AgencyLeader()), "", Later).Refused().Field);
        Assert.Equal("deadline", Decider.RequestSupplement(InState(Received), As(DeskOfficer()), Supplement(Later.AddDays(-1)), Later).Refused().Field);
        Assert.Equal("fees", Decider.RequestPayment(InState(InProcessing), As(AgencyOfficer()), [Fee with { Amount = 0 }], Later).Refused().Field);
        Assert.Equal("result", Decider.RecordResult(InState(InProcessing), As(AgencyOfficer()), ResultKind.Unspecified, "", Later).Refused().Field);
    }

    [Fact]
    public void Requesting_payment_without_lines_takes_the_procedures_fees()
    {
        var waiting = Decider.RequestPayment(InState(InProcessing), As(AgencyOfficer()), [], Later).Ok();
        Assert.Equal(AwaitingPayment, waiting.State);
        Assert.Equal(75_000, Assert.Single(waiting.Fees).Amount);
    }
}
