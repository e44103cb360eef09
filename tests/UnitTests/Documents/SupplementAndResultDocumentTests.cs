using DossierTracking.Contracts.Dossiers;
using DossierTracking.Domain.Documents;
using DossierTracking.Domain.Dossiers;
using static DossierTracking.Contracts.Dossiers.DossierState;
using static DossierTracking.UnitTests.Dossiers.Lifecycle;
using static DossierTracking.UnitTests.TestData;

namespace DossierTracking.UnitTests.Documents;

/// <summary>A supplement names the missing papers by code and is received once each has a new version; an online result is the attached result document.</summary>
public sealed class SupplementAndResultDocumentTests
{
    private static readonly DateTimeOffset Later = Start.AddHours(5);

    private static SupplementRequest ByCode(params string[] codes) => Supplement(Later.AddDays(10)) with { MissingItems = [], MissingComponents = codes };

    [Fact]
    public void A_supplement_names_papers_of_the_procedure_only()
    {
        var processing = InState(InProcessing);
        var officer = As(AgencyOfficer(processing.HandlingAgencyCode));
        var unknown = Decider.RequestSupplement(processing, officer, ByCode("ban-ve"), Later).Refused();
        Assert.Equal(("UNKNOWN_COMPONENT", "missing_component_codes"), (unknown.Reason, unknown.Field));
        Assert.Equal("TOO_MANY", Decider.RequestSupplement(processing, officer, ByCode(Paper, Paper), Later).Refused().Reason);
        Assert.Equal("MISSING_ITEMS_REQUIRED", Decider.RequestSupplement(processing, officer, ByCode(), Later).Refused().Reason);
        Assert.Equal([Paper], Decider.RequestSupplement(processing, officer, ByCode(Paper), Later).Ok().Supplement!.MissingComponents);
    }

    [Fact]
    public void Receiving_needs_a_new_version_of_each_paper_named_and_records_the_versions()
    {
        // Version 1 scanned at the desk before forwarding does not answer a later request.
        var received = Decider.AttachDocument(InState(Received), As(DeskOfficer()), Upload(Paper), DocumentLimitsForTests, Later).Ok();
        var processing = Decider.Forward(received, As(DeskOfficer()), Later).Ok();
        var awaiting = Decider.RequestSupplement(processing, As(AgencyOfficer(processing.HandlingAgencyCode)), ByCode(Paper), Later).Ok();
        var early = Decider.ReceiveSupplement(awaiting, As(DeskOfficer()), Later.AddHours(1)).Refused();
        Assert.Equal((FailureKind.FailedPrecondition, "SUPPLEMENT_PAPERS_MISSING"), (early.Kind, early.Reason));
        Assert.Contains(Paper, early.Message, StringComparison.Ordinal);

        var uploaded = Decider.AttachDocument(awaiting, As(Portal), Upload(Paper), DocumentLimitsForTests, Later.AddHours(1)).Ok();
        var done = Decider.ReceiveSupplement(uploaded, As(DeskOfficer()), Later.AddHours(2)).Ok();
        Assert.Equal(InProcessing, done.State);
        Assert.Equal($"{Paper} v2", done.History[^1].Note);
    }

    [Fact]
    public void An_online_return_records_the_attached_result_documents_hash()
    {
        var processing = InState(InProcessing);
        var officer = As(AgencyOfficer(processing.HandlingAgencyCode));
        var sha = new string('d', 64);
        var withResult = Decider.AttachDocument(processing, officer, Upload(DocumentLimits.ResultComponentCode, sha256: sha), DocumentLimitsForTests, Later).Ok();
        var ready = Decider.RecordResult(withResult, officer, ResultKind.Approved, "GP-1", Later.AddHours(1)).Ok();

        var mismatch = Decider.ReturnResult(ready, As(DeskOfficer()), ReturnMethod.Online, Later.AddHours(2), new string('e', 64)).Refused();
        Assert.Equal(("HASH_MISMATCH", "document_hash"), (mismatch.Reason, mismatch.Field));
        Assert.Equal(sha, Decider.ReturnResult(ready, As(DeskOfficer()), ReturnMethod.Online, Later.AddHours(2)).Ok().ResultDocumentHash);
        Assert.Equal(sha, Decider.ReturnResult(ready, As(DeskOfficer()), ReturnMethod.Online, Later.AddHours(2), sha.ToUpperInvariant()).Ok().ResultDocumentHash);

        // Without an attached result document the hash is required, as before.
        var bare = InState(ResultReady);
        Assert.Equal("HASH_REQUIRED", Decider.ReturnResult(bare, As(DeskOfficer()), ReturnMethod.Online, Later).Refused().Reason);
    }
}
