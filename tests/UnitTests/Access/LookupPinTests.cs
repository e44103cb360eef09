using DossierTracking.Contracts.Dossiers;
using DossierTracking.Domain.Dossiers;
using static DossierTracking.UnitTests.Dossiers.Lifecycle;
using static DossierTracking.UnitTests.TestData;

namespace DossierTracking.UnitTests.Access;

public sealed class LookupPinTests
{
    [Fact]
    public void A_pin_is_eight_digits_and_only_its_salted_hash_is_kept()
    {
        var pin = LookupPin.New();
        Assert.Matches("^[0-9]{8}$", pin);
        var stored = LookupPin.Hash(pin);
        Assert.DoesNotContain(pin, stored);
        Assert.True(LookupPin.Matches(stored, pin));
        Assert.False(LookupPin.Matches(stored, "00000000" == pin ? "11111111" : "00000000"));
        Assert.False(LookupPin.Matches(stored, ""));

        // The same PIN hashes differently each time (a salt per dossier).
        Assert.NotEqual(stored, LookupPin.Hash(pin));
        Assert.False(LookupPin.Matches("garbage", pin));
    }

    [Fact]
    public void The_pin_or_a_citizens_id_number_proves_the_applicant_but_an_enterprises_code_does_not()
    {
        var citizen = InState(DossierState.Submitted);
        Assert.True(LookupGuard.Matches(citizen, new ApplicantProof { Pin = Pin }));
        Assert.True(LookupGuard.Matches(citizen, new ApplicantProof { IdNumber = citizen.Applicant.IdNumber }));
        Assert.False(LookupGuard.Matches(citizen, new ApplicantProof { Pin = "99999999" }));
        Assert.False(LookupGuard.Matches(citizen, new ApplicantProof { IdNumber = "001099000001" }));

        // An enterprise's tax code is public: no second factor.
        var enterprise = citizen with { Applicant = citizen.Applicant with { Kind = ApplicantKind.Enterprise, IdNumber = "5700100256" } };
        Assert.False(LookupGuard.Matches(enterprise, new ApplicantProof { IdNumber = "5700100256" }));
        Assert.True(LookupGuard.Matches(enterprise, new ApplicantProof { Pin = Pin }));
    }

    [Fact]
    public void A_new_pin_replaces_the_old_one_and_is_recorded_in_the_history()
    {
        var submitted = InState(DossierState.Submitted);
        var reissued = Decider.IssueLookupPin(submitted, As(DeskOfficer()), LookupPin.Hash("11223344"), Start.AddHours(1)).Ok();
        Assert.False(LookupGuard.Matches(reissued, new ApplicantProof { Pin = Pin }));
        Assert.True(LookupGuard.Matches(reissued, new ApplicantProof { Pin = "11223344" }));
        Assert.Equal(DossierAction.LookupPinIssued, reissued.History[^1].Action);
        Assert.Equal(submitted.State, reissued.State);
        Assert.DoesNotContain("11223344", reissued.History[^1].Note);

        // Only the submitting portal or the receiving desk issues one.
        Assert.Equal("NOT_YOUR_DOSSIER", Decider.IssueLookupPin(submitted, As(Portal with { PersonId = "x" }), "h", Start).Refused().Reason);
        Assert.Equal("OUTSIDE_AGENCY", Decider.IssueLookupPin(submitted, As(DeskOfficer(HaLong)), "h", Start).Refused().Reason);
    }
}
