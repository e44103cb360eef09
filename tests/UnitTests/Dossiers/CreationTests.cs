using DossierTracking.Contracts.Dossiers;
using DossierTracking.Domain.Dossiers;
using static DossierTracking.UnitTests.TestData;

namespace DossierTracking.UnitTests.Dossiers;

public sealed class CreationTests
{
    private const string Code = "H49.50-201019-0001";
    private static readonly DateTimeOffset Now = Local(2020, 10, 19, 9, 0);

    [Fact]
    public void An_online_submission_starts_in_state_1_at_the_desk()
    {
        var d = Decider.Create(Online(), Code, Now, TestData.PinHash).Ok();
        Assert.Equal(DossierState.Submitted, d.State);
        Assert.Equal(Construction, d.HandlingAgencyCode);
        Assert.Equal(Centre, d.CurrentAgencyCode);
        Assert.Equal(1, d.Version);
        var entry = Assert.Single(d.History);
        Assert.Equal(DossierAction.Submit, entry.Action);
        Assert.Equal(DossierState.None, entry.FromState);
    }

    [Fact]
    public void A_district_procedure_is_handled_by_the_district_that_received_it()
    {
        var d = Decider.Create(AtCounter(DistrictProcedure, HaLong), "H49.193-201019-0001", Now, TestData.PinHash).Ok();
        Assert.Equal(HaLong, d.HandlingAgencyCode);
        Assert.Equal(DossierState.Received, d.State);
    }

    [Theory]
    [InlineData(PaperOnly, Centre, "PROCEDURE_NOT_ONLINE")]
    [InlineData(BuildingPermit, HaLong, "DESK_LEVEL_MISMATCH")]
    [InlineData(DistrictProcedure, HaKhanh, "DESK_LEVEL_MISMATCH")]
    [InlineData(BuildingPermit, Construction, "NOT_A_RECEIVING_DESK")]
    public void A_submission_the_procedure_does_not_allow_is_invalid(string procedure, string desk, string reason)
    {
        var failure = Decider.Create(Online(procedure, desk), Code, Now, TestData.PinHash).Refused();
        Assert.Equal(FailureKind.InvalidArgument, failure.Kind);
        Assert.Equal(reason, failure.Reason);
    }

    [Fact]
    public void Unknown_procedures_and_desks_are_not_found()
    {
        Assert.Equal("procedure_code", Decider.Create(Online("9.999999"), Code, Now, TestData.PinHash).Refused().Field);
        Assert.Equal(FailureKind.NotFound, Decider.Create(Online(desk: "H49.77"), Code, Now, TestData.PinHash).Refused().Kind);
    }

    [Fact]
    public void Only_a_portal_submits_online_and_only_the_desk_receives_at_the_counter()
    {
        Assert.Equal(FailureKind.PermissionDenied, Decider.Create(Online() with { Actor = DeskOfficer() }, Code, Now, TestData.PinHash).Refused().Kind);
        Assert.Equal(FailureKind.PermissionDenied, Decider.Create(AtCounter() with { Actor = Portal }, Code, Now, TestData.PinHash).Refused().Kind);
        Assert.Equal("OUTSIDE_AGENCY", Decider.Create(AtCounter() with { Actor = DeskOfficer(HaLong) }, Code, Now, TestData.PinHash).Refused().Reason);
    }

    [Fact]
    public void The_fingerprint_tells_a_retry_from_a_different_request()
    {
        var request = Online();
        Assert.Equal(DossierDecider.Fingerprint(request), DossierDecider.Fingerprint(request with { Note = "retry" }));
        Assert.NotEqual(DossierDecider.Fingerprint(request),
            DossierDecider.Fingerprint(request with { Applicant = request.Applicant with { IdNumber = "022090009999" } }));
    }
}
