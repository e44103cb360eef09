using DossierTracking.GrpcApi.V1;
using DossierTracking.IntegrationTests.Infrastructure;
using Google.Rpc;
using Grpc.Core;
using static DossierTracking.IntegrationTests.Infrastructure.Requests;

namespace DossierTracking.IntegrationTests.Api;

/// <summary>Bad input gets a clear status naming the field, never INTERNAL, and changes nothing.</summary>
public sealed class InputValidationTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private readonly TestHost _host = fixture.Host;

    public static TheoryData<string, string> MalformedSubmissions() => new()
    {
        { "request_id", "empty request id" },
        { "request_id", "request id with spaces" },
        { "request_id", "request id ending in a line break" },
        { "procedure_code", "empty procedure" },
        { "receiving_desk_code", "lower-case desk" },
        { "applicant", "no applicant" },
        { "applicant.full_name", "name of 201 characters" },
        { "applicant.full_name", "empty name" },
        { "applicant.id_number", "citizen id of 5 digits" },
        { "applicant.email", "malformed e-mail" },
        { "applicant.phone", "letters in phone" },
        { "applicant.kind", "no applicant kind" },
        { "note", "note of 2001 characters" },
        { "note", "control character in note" },
    };

    [Theory]
    [MemberData(nameof(MalformedSubmissions))]
    public async Task A_malformed_submission_is_invalid_and_names_the_field(string field, string caseName)
    {
        var request = Submit();
        switch (caseName)
        {
            case "empty request id": request.RequestId = ""; break;
            case "request id with spaces": request.RequestId = "a b"; break;
            case "request id ending in a line break": request.RequestId = "portal-0001\n"; break;
            case "empty procedure": request.ProcedureCode = ""; break;
            case "lower-case desk": request.ReceivingDeskCode = "h49.50"; break;
            case "no applicant": request.Applicant = null; break;
            case "name of 201 characters": request.Applicant.FullName = new string('Ạ', 201); break;
            case "empty name": request.Applicant.FullName = "   "; break;
            case "citizen id of 5 digits": request.Applicant.IdNumber = "12345"; break;
            case "malformed e-mail": request.Applicant.Email = "an@@example"; break;
            case "letters in phone": request.Applicant.Phone = "call me"; break;
            case "no applicant kind": request.Applicant.Kind = ApplicantKind.Unspecified; break;
            case "note of 2001 characters": request.Note = new string('x', 2001); break;
            case "control character in note": request.Note = "a\u0001b"; break;
        }

        var error = await Assert.ThrowsAsync<RpcException>(async () => await _host.Dossiers.SubmitDossierAsync(request));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var badRequest = error.GetRpcStatus()!.GetDetail<BadRequest>();
        Assert.Equal(field, Assert.Single(badRequest.FieldViolations).Field);
        Assert.Equal(ErrorMappingDomain, error.GetRpcStatus()!.GetDetail<ErrorInfo>().Domain);
    }

    private const string ErrorMappingDomain = "dossier-tracking.h49";

    [Fact]
    public async Task Names_of_200_characters_are_accepted_and_Vietnamese_is_normalised_to_NFC()
    {
        var request = Submit();
        request.Applicant.FullName = "Nguye\u0302\u0303n Va\u0306n An"; // decomposed "Nguyễn Văn An"
        request.Note = new string('ệ', 500);
        var dossier = await _host.Dossiers.SubmitDossierAsync(request);
        Assert.Equal("Nguyễn Văn An", dossier.Applicant.FullName);
        Assert.True(dossier.Applicant.FullName.IsNormalized(System.Text.NormalizationForm.FormC));
        request = Submit();
        request.Note = new string('ệ', 501);
        var tooLong = await Assert.ThrowsAsync<RpcException>(async () => await _host.Dossiers.SubmitDossierAsync(request));
        Assert.Equal((StatusCode.InvalidArgument, "note"), (tooLong.StatusCode, tooLong.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations[0].Field));

        request = Submit();
        request.Applicant.FullName = new string('Ạ', 200);
        Assert.Equal(200, (await _host.Dossiers.SubmitDossierAsync(request)).Applicant.FullName.Length);
    }

    [Fact]
    public async Task Unknown_procedures_desks_and_dossiers_are_not_found()
    {
        var unknownProcedure = await Assert.ThrowsAsync<RpcException>(async () => await _host.Dossiers.SubmitDossierAsync(Submit(procedure: "1.999999")));
        Assert.Equal(StatusCode.NotFound, unknownProcedure.StatusCode);

        var unknownDesk = await Assert.ThrowsAsync<RpcException>(async () => await _host.Dossiers.SubmitDossierAsync(Submit(desk: "H49.77")));
        Assert.Equal(StatusCode.NotFound, unknownDesk.StatusCode);

        var unknownDossier = await Assert.ThrowsAsync<RpcException>(async () =>
            await _host.Dossiers.GetDossierAsync(new GetDossierRequest { ReceiptCode = "H49.50-201019-9999" }));
        Assert.Equal(StatusCode.NotFound, unknownDossier.StatusCode);

        // A portal is refused a code it did not submit whether or not it exists (ObjectAccessTests).
        var change = await Assert.ThrowsAsync<RpcException>(async () =>
            await _host.Dossiers.WithdrawDossierAsync(new WithdrawDossierRequest { ReceiptCode = "H49.50-201019-9998", Actor = Portal }));
        Assert.Equal(StatusCode.PermissionDenied, change.StatusCode);

        // An officer is refused a code their desk does not hold whether or not it exists: no probing other desks' codes.
        var officer = await Assert.ThrowsAsync<RpcException>(async () =>
            await _host.Dossiers.AcceptDossierAsync(new AcceptDossierRequest { ReceiptCode = "H49.50-201019-9998", Actor = Desk() }));
        Assert.Equal(StatusCode.PermissionDenied, officer.StatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("H49.50-201019-1")]
    [InlineData("H49.50-201399-0001")]
    [InlineData("'; DROP TABLE dvc_grain_state; --")]
    [InlineData("20235")]
    public async Task Malformed_receipt_codes_are_invalid(string code)
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () => await _host.Dossiers.GetDossierAsync(new GetDossierRequest { ReceiptCode = code }));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("receipt_code", error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations[0].Field);
    }

    [Fact]
    public async Task Bad_arguments_of_changes_are_invalid_and_change_nothing()
    {
        // Each is wrong in its arguments only, for the dossier's state (arguments that break a rule of a later state are
        // in RefusalReasonTests, each with a dossier in that state).
        var code = (await _host.Dossiers.SubmitDossierAsync(Submit())).ReceiptCode;
        var cases = new Func<Task>[]
        {
            async () => await _host.Dossiers.RefuseIntakeAsync(new RefuseIntakeRequest { ReceiptCode = code, Actor = Desk(), Reason = "" }),
            async () => await _host.Dossiers.RequestSupplementAsync(new RequestSupplementRequest { ReceiptCode = code, Actor = Desk(), Reason = "x", Deadline = At(Local(2030, 1, 1)) }),
            async () => await _host.Dossiers.RequestSupplementAsync(new RequestSupplementRequest { ReceiptCode = code, Actor = Desk(), Reason = "x", MissingItems = { "a" } }),
            async () => await _host.Dossiers.AcceptDossierAsync(new AcceptDossierRequest { ReceiptCode = code, Actor = Desk(), ExpectedVersion = 0 }),
            async () => await _host.Dossiers.TransferDossierAsync(new TransferDossierRequest { ReceiptCode = code, Actor = Officer(), CoordinatingAgencyCode = "x y" }),
            async () => await _host.Dossiers.IssueApologyAsync(new IssueApologyRequest { ReceiptCode = code, Actor = Officer(), Reason = "x" }),
            async () => await _host.Dossiers.ReceiveDossierAsync(new ReceiveDossierRequest { RequestId = "r", ProcedureCode = PermitAdjustment, ReceivingDeskCode = Centre, Channel = GrpcApi.V1.Channel.Online, Applicant = Citizen(), Actor = Desk() }),
        };
        foreach (var call in cases)
        {
            var error = await Assert.ThrowsAsync<RpcException>(call);
            Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
            Assert.NotNull(error.GetRpcStatus()!.GetDetail<BadRequest>());
        }

        var dossier = await _host.Dossiers.GetDossierAsync(new GetDossierRequest { ReceiptCode = code });
        Assert.Equal(1, dossier.Version);
    }
}
