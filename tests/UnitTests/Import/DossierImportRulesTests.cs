using System.Collections.Immutable;
using DossierTracking.Contracts.Dossiers;
using DossierTracking.Contracts.Import;
using DossierTracking.Domain.Dossiers;
using static DossierTracking.UnitTests.TestData;

namespace DossierTracking.UnitTests.Import;

/// <summary>What the domain accepts from another system's export, and the record it builds (docs/import.md).</summary>
public sealed class DossierImportRulesTests
{
    private static readonly DateTimeOffset Now = Local(2026, 11, 30, 9);

    private static ImportedEntry E(DateTimeOffset at, DossierAction action, DossierState to, string agency, Actor actor, string note = "") =>
        new() { At = at, Action = action, ToState = to, AgencyCode = agency, Actor = actor, Note = note };

    /// <summary>An online building permit of January 2020, returned in person.</summary>
    private static ImportedDossier Returned() => new()
    {
        Line = 7,
        SourceId = "egov-118734",
        ReceiptCode = $"{Centre}-200115-0042",
        ProcedureCode = BuildingPermit,
        ReceivingDeskCode = Centre,
        Channel = Channel.Online,
        Applicant = new Applicant { Kind = ApplicantKind.Citizen, FullName = "Nguyễn Văn A", IdNumber = "022090001234" },
        State = DossierState.ResultReturned,
        Result = ResultKind.Approved,
        ReturnMethod = ReturnMethod.InPerson,
        History =
        [
            E(Local(2020, 1, 15, 8, 12), DossierAction.Submit, DossierState.Submitted, Centre, Portal),
            E(Local(2020, 1, 15, 9, 40), DossierAction.Accept, DossierState.Received, Centre, DeskOfficer()),
            E(Local(2020, 1, 15, 10, 5), DossierAction.Forward, DossierState.InProcessing, Construction, DeskOfficer()),
            E(Local(2020, 1, 20, 15, 30), DossierAction.RecordResult, DossierState.ResultReady, Centre, AgencyOfficer()),
            E(Local(2020, 1, 21, 8, 30), DossierAction.ReturnResult, DossierState.ResultReturned, Centre, DeskOfficer()),
        ],
        Fingerprint = "F1",
    };

    [Fact]
    public void A_returned_dossier_keeps_its_code_times_and_history_and_is_marked_imported()
    {
        var record = Decider.Import(Returned(), "qn-egov", Now).Ok();

        Assert.Equal($"{Centre}-200115-0042", record.ReceiptCode);
        Assert.Equal(DossierState.ResultReturned, record.State);
        Assert.Equal(5, record.Version);
        Assert.Equal(5, record.ImportedVersion);
        Assert.Equal(Now, record.ImportedAt);
        Assert.Equal("import:qn-egov/egov-118734", record.RequestId);
        Assert.Equal(Local(2020, 1, 15, 8, 12), record.SubmittedAt);
        Assert.Equal(Local(2020, 1, 15, 9, 40), record.ReceivedAt);
        Assert.Equal(Local(2020, 1, 20, 15, 30), record.FinishedAt);
        Assert.Equal(Local(2020, 1, 21, 8, 30), record.ReturnedAt);
        // 15 working days from receipt: the due date reports judge the finish by.
        Assert.Equal(Decider.DueFrom(record.Limit, Local(2020, 1, 15, 9, 40)), record.DueAt);
        Assert.Equal(Construction, record.HandlingAgencyCode);
        Assert.Equal(ResultKind.Approved, record.Result);
        Assert.Equal([1L, 2, 3, 4, 5], record.History.Select(h => h.Version));
        Assert.Equal([DossierState.None, DossierState.Submitted, DossierState.Received, DossierState.InProcessing, DossierState.ResultReady],
            record.History.Select(h => h.FromState));
        Assert.Equal(Local(2020, 1, 21, 8, 30), record.History[^1].At);
        Assert.Equal("", record.LookupPinHash);
    }

    [Fact]
    public void A_due_date_given_by_the_old_system_is_kept()
    {
        var due = Local(2020, 2, 10, 17);
        Assert.Equal(due, Decider.Import(Returned() with { DueAt = due }, "qn-egov", Now).Ok().DueAt);
    }

    [Theory]
    [InlineData("H49.193-200115-0042", "RECEIPT_CODE_MISMATCH")]
    [InlineData("H49.50-200116-0042", "RECEIPT_CODE_MISMATCH")]
    [InlineData("H49.50-200115-42", "RECEIPT_CODE_INVALID")]
    [InlineData("QN-2020-000042", "RECEIPT_CODE_INVALID")]
    [InlineData("H49.50-200115-00042", "RECEIPT_CODE_INVALID")]
    [InlineData("H49.50-200115-999999999", "RECEIPT_CODE_INVALID")]
    public void A_receipt_code_of_another_desk_or_day_or_form_is_refused(string code, string reason)
    {
        var failure = Decider.Import(Returned() with { ReceiptCode = code }, "qn-egov", Now).Refused();
        Assert.Equal((FailureKind.InvalidArgument, reason, "receipt_code"), (failure.Kind, failure.Reason, failure.Field));
    }

    [Fact]
    public void A_move_the_lifecycle_does_not_allow_is_refused_naming_the_entry()
    {
        var line = Returned();
        // The result returned before it was recorded.
        var history = line.History.RemoveAt(3).Insert(3, E(Local(2020, 1, 20, 15, 30), DossierAction.ReturnResult, DossierState.ResultReturned, Centre, DeskOfficer()));
        var failure = Decider.Import(line with { History = history }, "qn-egov", Now).Refused();
        Assert.Equal(("ILLEGAL_TRANSITION", "history[3].action"), (failure.Reason, failure.Field));
    }

    [Fact]
    public void An_officer_of_another_unit_cannot_have_made_a_move()
    {
        var line = Returned();
        var history = line.History.SetItem(1, line.History[1] with { Actor = DeskOfficer(HaLong) });
        var failure = Decider.Import(line with { History = history }, "qn-egov", Now).Refused();
        Assert.Equal(("ACTOR_NOT_ALLOWED", "history[1].actor"), (failure.Reason, failure.Field));
    }

    [Fact]
    public void An_entry_must_lead_to_the_state_its_action_leads_to_and_the_last_one_to_the_line_s_state()
    {
        var line = Returned();
        var wrongTarget = Decider.Import(line with { History = line.History.SetItem(2, line.History[2] with { ToState = DossierState.Received }) }, "qn-egov", Now).Refused();
        Assert.Equal(("STATE_MISMATCH", "history[2].to_state"), (wrongTarget.Reason, wrongTarget.Field));

        var wrongState = Decider.Import(line with { State = DossierState.ResultReady }, "qn-egov", Now).Refused();
        Assert.Equal(("STATE_MISMATCH", "state"), (wrongState.Reason, wrongState.Field));
    }

    [Fact]
    public void Times_go_forward_and_never_beyond_now()
    {
        var line = Returned();
        var backwards = Decider.Import(line with { History = line.History.SetItem(2, line.History[2] with { At = Local(2020, 1, 15, 9) }) }, "qn-egov", Now).Refused();
        Assert.Equal(("HISTORY_OUT_OF_ORDER", "history[2].at"), (backwards.Reason, backwards.Field));

        var future = Decider.Import(line with { History = line.History.SetItem(4, line.History[4] with { At = Now.AddDays(1) }) }, "qn-egov", Now).Refused();
        Assert.Equal(("TIME_IN_FUTURE", "history[4].at"), (future.Reason, future.Field));
    }

    [Fact]
    public void A_returned_result_needs_its_kind_and_how_it_was_returned()
    {
        Assert.Equal("result", Decider.Import(Returned() with { Result = ResultKind.Unspecified }, "qn-egov", Now).Refused().Field);
        Assert.Equal("return_method", Decider.Import(Returned() with { ReturnMethod = ReturnMethod.Unspecified }, "qn-egov", Now).Refused().Field);
    }

    [Fact]
    public void The_first_entry_is_the_creation_by_a_party_allowed_to_create_through_that_channel()
    {
        var line = Returned();
        var notSubmit = Decider.Import(line with { History = line.History.SetItem(0, line.History[0] with { Action = DossierAction.Receive, ToState = DossierState.Received }) },
            "qn-egov", Now).Refused();
        Assert.Equal("FIRST_ENTRY_INVALID", notSubmit.Reason);

        var byDesk = Decider.Import(line with { History = line.History.SetItem(0, line.History[0] with { Actor = DeskOfficer() }) }, "qn-egov", Now).Refused();
        Assert.Equal(FailureKind.PermissionDenied, byDesk.Kind);
    }

    [Fact]
    public void A_withdrawn_dossier_closes_when_it_was_withdrawn_with_its_reason()
    {
        var line = Returned() with
        {
            State = DossierState.Withdrawn,
            Result = ResultKind.Unspecified,
            ReturnMethod = ReturnMethod.Unspecified,
            History = [.. Returned().History.Take(3), E(Local(2020, 1, 17, 14), DossierAction.Withdraw, DossierState.Withdrawn, Construction, Portal, "Nộp nhầm thủ tục")],
        };
        var record = Decider.Import(line, "qn-egov", Now).Ok();
        Assert.Equal((DossierState.Withdrawn, "Nộp nhầm thủ tục", Local(2020, 1, 17, 14)), (record.State, record.ClosingReason, record.FinishedAt));
    }

    [Fact]
    public void A_supplement_pauses_the_dossier_and_receiving_it_goes_back_where_it_was()
    {
        var line = Returned();
        ImmutableArray<ImportedEntry> history =
        [
            .. line.History.Take(3),
            E(Local(2020, 1, 16, 10), DossierAction.RequestSupplement, DossierState.AwaitingSupplement, Construction, AgencyOfficer()),
            E(Local(2020, 1, 17, 10), DossierAction.ReceiveSupplement, DossierState.InProcessing, Construction, DeskOfficer()),
            .. line.History.Skip(3),
        ];
        var record = Decider.Import(line with { History = history }, "qn-egov", Now).Ok();
        Assert.Equal(7, record.Version);
        var pause = Assert.Single(record.Pauses);
        Assert.Equal((DossierState.AwaitingSupplement, Local(2020, 1, 16, 10), (DateTimeOffset?)Local(2020, 1, 17, 10)), (pause.Reason, pause.StartedAt, pause.EndedAt));
        Assert.Null(record.PausedAt);
    }

    [Fact]
    public void A_dossier_dated_in_the_future_cannot_raise_a_desk_s_sequence_and_it_starts_at_its_desk()
    {
        var line = Returned();
        var tomorrow = Now.AddDays(1);
        var future = line with
        {
            ReceiptCode = $"{Centre}-{tomorrow:yyMMdd}-0001",
            State = DossierState.Submitted,
            History = [line.History[0] with { At = tomorrow }],
        };
        Assert.Equal(("TIME_IN_FUTURE", "history[0].at"), (Decider.Import(future, "qn-egov", Now).Refused().Reason, Decider.Import(future, "qn-egov", Now).Refused().Field));

        var elsewhere = line with { History = line.History.SetItem(0, line.History[0] with { AgencyCode = Construction }) };
        Assert.Equal("AGENCY_MISMATCH", Decider.Import(elsewhere, "qn-egov", Now).Refused().Reason);
    }

    [Fact]
    public void An_imported_history_keeps_to_the_per_kind_limits_of_a_live_dossier()
    {
        var line = Returned();
        var steps = Enumerable.Range(0, DossierLimits.MaxSteps + 1)
            .Select(i => E(Local(2020, 1, 16, 8).AddMinutes(i), DossierAction.RecordStep, DossierState.InProcessing, Construction, AgencyOfficer(), $"Bước {i}"));
        ImmutableArray<ImportedEntry> history = [.. line.History.Take(3), .. steps, .. line.History.Skip(3)];
        Assert.Equal("HISTORY_LIMIT_EXCEEDED", Decider.Import(line with { History = history }, "qn-egov", Now).Refused().Reason);
    }

    [Fact]
    public void Each_entry_leaves_the_dossier_where_a_live_change_would()
    {
        var line = Returned();
        var forwardedElsewhere = Decider.Import(line with { History = line.History.SetItem(2, line.History[2] with { AgencyCode = EnvironmentDept }) }, "qn-egov", Now).Refused();
        Assert.Equal(("AGENCY_MISMATCH", "history[2].agency"), (forwardedElsewhere.Reason, forwardedElsewhere.Field));

        var resultNotAtDesk = Decider.Import(line with { History = line.History.SetItem(3, line.History[3] with { AgencyCode = Construction }) }, "qn-egov", Now).Refused();
        Assert.Equal(("AGENCY_MISMATCH", "history[3].agency"), (resultNotAtDesk.Reason, resultNotAtDesk.Field));

        // Transferred to the environment department for its opinion: the result waits until it comes back.
        ImmutableArray<ImportedEntry> history =
        [
            .. line.History.Take(3),
            E(Local(2020, 1, 16, 10), DossierAction.Transfer, DossierState.InProcessing, EnvironmentDept, AgencyOfficer()),
            .. line.History.Skip(3),
        ];
        var resultWhileAway = Decider.Import(line with { History = history }, "qn-egov", Now).Refused();
        Assert.Equal(("ILLEGAL_TRANSITION", "history[4].action"), (resultWhileAway.Reason, resultWhileAway.Field));
    }

    [Fact]
    public void An_imported_dossier_owes_no_warning_that_fell_due_before_its_import()
    {
        var line = Returned() with
        {
            State = DossierState.InProcessing,
            Result = ResultKind.Unspecified,
            ReturnMethod = ReturnMethod.Unspecified,
            History = [.. Returned().History.Take(3)],
        };
        var record = Decider.Import(line, "qn-egov", Now).Ok();
        Assert.Empty(Domain.Duties.DossierDuties.Owed(record, Domain.Duties.DutySchedule.Default, TestData.Calendar));

        // Made here (not imported), the same dossier is overdue since 2020.
        var live = record with { ImportedAt = null, ImportedVersion = 0 };
        Assert.Contains(Domain.Duties.DossierDuties.Owed(live, Domain.Duties.DutySchedule.Default, TestData.Calendar), d => d.Duty == DossierAction.Overdue);
    }
}
