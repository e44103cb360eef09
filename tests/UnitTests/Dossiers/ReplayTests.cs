using DossierTracking.Contracts.Dossiers;
using DossierTracking.Domain.Dossiers;
using static DossierTracking.Contracts.Dossiers.DossierState;
using static DossierTracking.UnitTests.Dossiers.Lifecycle;
using static DossierTracking.UnitTests.TestData;

namespace DossierTracking.UnitTests.Dossiers;

public sealed class ReplayTests
{
    private static ActionContext Keyed(Actor actor, string key, string fingerprint = "F1") =>
        As(actor) with { RequestKey = GrainKeys.RequestKey(actor, key), RequestFingerprint = fingerprint };

    [Fact]
    public void A_change_keeps_its_callers_key_and_a_retry_finds_it()
    {
        var processing = InState(InProcessing);
        var context = Keyed(AgencyOfficer(), "step-1");
        Assert.Null(DossierDecider.Replay(processing, context));

        var stepped = Decider.RecordStep(processing, context, "Thẩm định", Start.AddDays(1)).Ok();
        Assert.Equal(context.RequestKey, stepped.History[^1].RequestKey);
        var replay = DossierDecider.Replay(stepped, context)!.Value;
        Assert.Same(stepped, replay.Next);

        var reused = DossierDecider.Replay(stepped, context with { RequestFingerprint = "F2" })!.Value.Failure!;
        Assert.Equal((FailureKind.AlreadyExists, "REQUEST_ID_REUSED", "request_id"), (reused.Kind, reused.Reason, reused.Field));
        Assert.Contains("step-1", reused.Message);

        // The same id from another officer is another request.
        Assert.Null(DossierDecider.Replay(stepped, Keyed(AgencyOfficer() with { PersonId = "cb-08" }, "step-1")));
        // No key, no replay: the change is decided as usual.
        Assert.Null(DossierDecider.Replay(stepped, As(AgencyOfficer())));
        Assert.Null(Decider.RecordStep(stepped, As(AgencyOfficer()), "Trình ký", Start.AddDays(2)).Ok().History[^1].RequestKey);
    }
}
