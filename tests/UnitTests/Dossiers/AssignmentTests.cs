using DossierTracking.Contracts.Dossiers;
using DossierTracking.Domain.Agencies;
using static DossierTracking.UnitTests.TestData;

namespace DossierTracking.UnitTests.Dossiers;

/// <summary>Who at the agency holding a dossier works on it.</summary>
public sealed class AssignmentTests
{
    private static readonly DateTimeOffset Later = Lifecycle.Start.AddDays(1);

    [Fact]
    public void An_officer_of_the_agency_holding_the_dossier_assigns_it_and_the_control_slip_names_both()
    {
        var d = Lifecycle.InState(DossierState.InProcessing);
        var assigned = Decider.Assign(d, As(AgencyOfficer(Construction)), "cv-09", "Phạm Thị Dung", Later).Ok();

        Assert.Equal(("cv-09", "Phạm Thị Dung", DossierState.InProcessing), (assigned.AssigneeId, assigned.AssigneeName, assigned.State));
        var entry = assigned.History[^1];
        Assert.Equal((DossierAction.Assign, "cb-07", "cv-09 (Phạm Thị Dung)"), (entry.Action, entry.Actor.PersonId, entry.Note));
        Assert.Equal("cv-09", DossierIndexRows.From(assigned, TestData.Calendar).AssigneeId);

        var reassigned = Decider.Assign(assigned, As(AgencyLeader(Construction)), "cv-11", "", Later.AddHours(1)).Ok();
        Assert.Equal("cv-11", reassigned.AssigneeId);
        Assert.Equal("ALREADY_ASSIGNED", Decider.Assign(reassigned, As(AgencyOfficer(Construction)), "cv-11", "", Later.AddHours(2)).Refused().Reason);
    }

    [Fact]
    public void An_officer_of_another_agency_cannot_assign_and_is_told_nothing_of_the_dossier()
    {
        var d = Lifecycle.InState(DossierState.InProcessing);
        var refused = Decider.Assign(d, As(AgencyOfficer(EnvironmentDept)), "cv-09", "", Later).Refused();
        var unknown = Decider.Assign(null, As(AgencyOfficer(EnvironmentDept)), "cv-09", "", Later).Refused();
        Assert.Equal((unknown.Kind, unknown.Reason), (refused.Kind, refused.Reason));
    }

    [Fact]
    public void An_assignment_needs_an_officer_and_ends_when_the_dossier_leaves_the_agency()
    {
        var d = Lifecycle.InState(DossierState.InProcessing);
        Assert.Equal("assignee_id", Decider.Assign(d, As(AgencyOfficer(Construction)), " ", "", Later).Refused().Field);
        Assert.Equal("assignee_id", Decider.Assign(d, As(AgencyOfficer(Construction)), new string('x', 129), "", Later).Refused().Field);

        var assigned = Decider.Assign(d, As(AgencyOfficer(Construction)), "cv-09", "", Later).Ok();
        var transferred = Decider.Transfer(assigned, As(AgencyOfficer(Construction)), EnvironmentDept, 5, Later.AddHours(1)).Ok();
        Assert.Equal("", transferred.AssigneeId);
        var ready = Decider.RecordResult(assigned, As(AgencyOfficer(Construction)), ResultKind.Approved, "GP-1", Later.AddHours(1)).Ok();
        Assert.Equal("", ready.AssigneeId);
    }

    [Fact]
    public void The_agency_counts_its_dossiers_in_processing_per_officer_and_its_queue_filters_by_officer()
    {
        var first = Decider.Assign(Lifecycle.InState(DossierState.InProcessing), As(AgencyOfficer(Construction)), "cv-09", "", Later).Ok();
        var second = Lifecycle.InState(DossierState.InProcessing) with { ReceiptCode = "H49.50-201019-0002" };
        var rows = new[] { DossierIndexRows.From(first, TestData.Calendar), DossierIndexRows.From(second, TestData.Calendar) };

        var figures = AgencyFigureRules.Compute(Construction, rows, Later);
        Assert.Equal(1, figures.InProcessingByAssignee["cv-09"]);
        Assert.Equal(1, figures.InProcessingByAssignee[""]);
        Assert.Equal(["H49.50-201019-0001"], AgencyFigureRules.QueueHead(Construction, rows, 10, Later, "cv-09").Head.Select(r => r.ReceiptCode));
        Assert.Equal(2, AgencyFigureRules.QueueHead(Construction, rows, 10, Later).Length);
    }
}
