using DossierTracking.Contracts.Documents;
using DossierTracking.Contracts.Dossiers;
using DossierTracking.Domain.Documents;
using DossierTracking.Domain.Dossiers;
using static DossierTracking.Contracts.Dossiers.DossierState;
using static DossierTracking.UnitTests.Dossiers.Lifecycle;
using static DossierTracking.UnitTests.TestData;

namespace DossierTracking.UnitTests.Documents;

/// <summary>Which paper, from whom, of what type and size a dossier takes; the dossier keeps references with versions.</summary>
public sealed class DocumentRulesTests
{
    private static readonly DocumentLimits Limits = DocumentLimitsForTests;
    private static readonly DateTimeOffset Later = Start.AddHours(5);

    [Fact]
    public void A_paper_is_attached_as_a_reference_with_its_next_version_and_uploader()
    {
        var dossier = InState(Submitted);
        var first = Decider.AttachDocument(dossier, As(Portal), Upload(Paper, 500_000, new string('b', 64)), Limits, Later).Ok();
        var second = Decider.AttachDocument(first, As(DeskOfficer()), Upload(Paper, 400_000, new string('C', 64)), Limits, Later.AddMinutes(1)).Ok();

        Assert.Equal(Submitted, second.State);
        Assert.Equal([1, 2], second.Documents.Select(d => d.Version));
        var latest = second.Documents[^1];
        Assert.Equal(new string('c', 64), latest.Sha256);
        Assert.Equal(ContentSniffer.Pdf, latest.ContentType);
        Assert.Equal(("DeskOfficer", "desk-01", Centre), (latest.UploaderRole, latest.UploaderId, latest.UploaderUnit));
        Assert.Equal(second.Version, latest.DossierVersion);
        Assert.Equal(DossierAction.AttachDocument, second.History[^1].Action);
        Assert.Equal($"{Paper} v2", second.History[^1].Note);
    }

    [Fact]
    public void The_type_comes_from_the_bytes_not_the_name()
    {
        var dossier = InState(Submitted);
        var program = Upload(Paper) with { FileName = "scan.pdf", Head = [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00] };
        var refused = Decider.AttachDocument(dossier, As(Portal), program, Limits, Later).Refused();
        Assert.Equal((FailureKind.InvalidArgument, "CONTENT_TYPE_NOT_ALLOWED", "content"), (refused.Kind, refused.Reason, refused.Field));
        Assert.Equal("CONTENT_TYPE_NOT_ALLOWED", Decider.AdmitUpload(dossier, As(Portal), program, Limits).Failure?.Reason);

        var png = Upload(Paper) with { FileName = "scan.pdf", Head = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] };
        Assert.Equal(ContentSniffer.Png, Decider.AttachDocument(dossier, As(Portal), png, Limits, Later).Ok().Documents[0].ContentType);
    }

    [Fact]
    public void A_file_over_the_limit_and_a_dossier_over_its_total_are_refused_and_change_nothing()
    {
        var dossier = InState(Submitted);
        var tooLarge = Decider.AttachDocument(dossier, As(Portal), Upload(Paper, Limits.MaxFileBytes + 1), Limits, Later).Refused();
        Assert.Equal((FailureKind.ResourceExhausted, "FILE_TOO_LARGE"), (tooLarge.Kind, tooLarge.Reason));

        // Three files of 1,000,000 bytes fill the 3,000,000 a dossier may hold: the permit for a fourth is refused before any byte.
        var full = dossier;
        for (var i = 0; i < 3; i++)
        {
            var permit = Decider.AdmitUpload(full, As(Portal), Upload(Paper), Limits);
            Assert.Equal(Limits.MaxFileBytes, permit.MaxBytes);
            full = Decider.AttachDocument(full, As(Portal), Upload(Paper, Limits.MaxFileBytes), Limits, Later).Ok();
        }

        Assert.Equal("DOSSIER_DOCUMENTS_FULL", Decider.AdmitUpload(full, As(Portal), Upload(Paper), Limits).Failure?.Reason);

        // With 500,000 bytes left, a permit allows no more, and a file of more is refused.
        var half = dossier;
        foreach (var size in new long[] { 1_000_000, 1_000_000, 500_000 })
        {
            half = Decider.AttachDocument(half, As(Portal), Upload(Paper, size), Limits, Later).Ok();
        }

        Assert.Equal(500_000, Decider.AdmitUpload(half, As(Portal), Upload(Paper), Limits).MaxBytes);
        Assert.Equal("DOSSIER_DOCUMENTS_FULL", Decider.AttachDocument(half, As(Portal), Upload(Paper, 500_001), Limits, Later).Refused().Reason);
    }

    [Fact]
    public void Only_papers_of_the_procedure_and_the_result_document_from_the_agency_are_taken()
    {
        var submitted = InState(Submitted);
        var unknown = Decider.AttachDocument(submitted, As(Portal), Upload("ban-ve"), Limits, Later).Refused();
        Assert.Equal(("UNKNOWN_COMPONENT", "component_code"), (unknown.Reason, unknown.Field));
        Assert.Equal("COMPONENT_NOT_ALLOWED", Decider.AttachDocument(submitted, As(Portal), Upload(DocumentLimits.ResultComponentCode), Limits, Later).Refused().Reason);

        var processing = InState(InProcessing);
        var officer = AgencyOfficer(processing.HandlingAgencyCode);
        Assert.Equal("COMPONENT_NOT_ALLOWED", Decider.AttachDocument(processing, As(officer), Upload(Paper), Limits, Later).Refused().Reason);
        var result = Decider.AttachDocument(processing, As(officer), Upload(DocumentLimits.ResultComponentCode), Limits, Later).Ok();
        Assert.Equal(DocumentLimits.ResultComponentCode, result.Documents[0].ComponentCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("../../etc/passwd")]
    [InlineData("a\\b.pdf")]
    [InlineData("a\u0000.pdf")]
    // A right-to-left override shows "hoadonexe.pdf" for a name ending in .exe; a zero-width space shows nothing.
    [InlineData("hoadon\u202Efdp.exe")]
    [InlineData("\u200B")]
    public void A_file_name_must_be_a_plain_name(string name)
    {
        var refused = Decider.AttachDocument(InState(Submitted), As(Portal), Upload(Paper) with { FileName = name }, Limits, Later).Refused();
        Assert.Equal(("INVALID_FILE_NAME", "file_name"), (refused.Reason, refused.Field));
    }

    [Fact]
    public void Another_portal_and_another_desk_are_refused_alike_for_a_dossier_not_theirs_and_one_that_does_not_exist()
    {
        var dossier = InState(Submitted);
        var otherPortal = Portal with { PersonId = "another-portal" };
        var otherDesk = DeskOfficer(HaLong);
        foreach (var actor in new[] { otherPortal, otherDesk })
        {
            var foreign = Decider.AdmitUpload(dossier, As(actor), Upload(Paper), Limits).Failure!;
            var missing = Decider.AdmitUpload(null, As(actor), Upload(Paper), Limits).Failure!;
            Assert.Equal(FailureKind.PermissionDenied, foreign.Kind);
            Assert.Equal((foreign.Reason, foreign.Message), (missing.Reason, missing.Message));
        }
    }

    [Fact]
    public void Papers_are_read_by_the_holding_units_the_submitting_portal_the_applicant_and_sync_only()
    {
        var dossier = InState(InProcessing);
        Actor[] allowed = [Portal, DeskOfficer(), AgencyOfficer(dossier.HandlingAgencyCode), new() { Party = Party.Sync, PersonId = "dvc-national" }];
        foreach (var reader in allowed)
        {
            Assert.Null(DossierDecider.Read(dossier, DossierReadPurpose.Document, reader, 0, applicantProven: false).Failure);
        }

        Assert.Null(DossierDecider.Read(dossier, DossierReadPurpose.Document, Actor.Anonymous, 0, applicantProven: true).Failure);
        Actor[] refused = [Actor.Anonymous, Portal with { PersonId = "another-portal" }, DeskOfficer(HaLong), new() { Party = Party.Supervisor, PersonId = "sv" },
            Payment, Post];
        foreach (var reader in refused)
        {
            Assert.Equal(FailureKind.PermissionDenied, DossierDecider.Read(dossier, DossierReadPurpose.Document, reader, 0, applicantProven: false).Failure?.Kind);
        }
    }
}
