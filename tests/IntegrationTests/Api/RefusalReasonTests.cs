using System.Text.RegularExpressions;
using DossierTracking.GrpcApi.Security;
using DossierTracking.GrpcApi.V1;
using DossierTracking.IntegrationTests.Infrastructure;
using Google.Rpc;
using Grpc.Core;
using static DossierTracking.IntegrationTests.Agencies.AgencyTestSupport;
using static DossierTracking.IntegrationTests.Infrastructure.Requests;

namespace DossierTracking.IntegrationTests.Api;

/// <summary>
/// One invalid request for each refusal reason the API can give, sent over gRPC: the status and the stable reason are
/// the ones the README's table lists, whether the gRPC layer (the wire format) or the domain (its rules) refuses.
/// Every request is wrong in that one way only, on a dossier in a state where the change would otherwise apply.
/// </summary>
public sealed class RefusalReasonTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private readonly TestHost _host = fixture.Host;

    private static Metadata As(string role, string subject = "t-1", string agency = "") => TestTokens.Bearer(TestTokens.For(role, subject, agency));

    private static readonly Metadata DeskToken = As(Roles.DeskOfficer, "mc-01", Centre);
    private static readonly Metadata OfficerToken = As(Roles.AgencyOfficer, "cv-07", Construction);
    private static readonly Metadata PortalToken = As(Roles.Portal, Portal.PersonId);
    private static readonly Metadata PaymentToken = As(Roles.Payment, "vnpay");
    private static readonly Metadata PostToken = As(Roles.Postal, "vnpost-qn");

    private sealed record Case(string Reason, StatusCode Status, Func<Task> Call);

    [Fact]
    public async Task Each_refusal_reaches_the_client_with_its_documented_status_and_reason()
    {
        var d = new DossierService.DossierServiceClient(_host.Channel);
        var submitted = (await d.SubmitDossierAsync(Submit(), PortalToken)).ReceiptCode;
        var processing = await Processing();
        var ready = await Ready(post: false);
        var readyByPost = await Ready(post: true);
        var handed = (await d.HandToPostAsync(new HandToPostRequest { ReceiptCode = await Ready(post: true) }, DeskToken)).Shipments[0].TrackingNumber;
        var returned = await Ready(post: false);
        await d.ReturnResultAsync(new ReturnResultRequest { ReceiptCode = returned, Method = ReturnMethod.InPerson }, DeskToken);
        var paying = await Processing();
        await d.RequestPaymentAsync(new RequestPaymentRequest { ReceiptCode = paying, Fees = { new FeeLine { Name = "Lệ phí", Amount = 150_000 } } }, OfficerToken);
        var payments = new PaymentService.PaymentServiceClient(_host.Channel);
        var post = new PostalService.PostalServiceClient(_host.Channel);
        var agencies = new AgencyService.AgencyServiceClient(_host.Channel);
        var reports = new ReportService.ReportServiceClient(_host.Channel);
        var feed = new ChangeFeedService.ChangeFeedServiceClient(_host.Channel);
        var catalog = new CatalogService.CatalogServiceClient(_host.Channel);
        var referenceData = new ReferenceDataService.ReferenceDataServiceClient(_host.Channel);
        var now = _clockNow();
        var reused = Submit("reason-reused");
        await d.SubmitDossierAsync(reused, PortalToken);
        var household = (await d.SubmitDossierAsync(Submit(procedure: HouseholdBusiness, desk: HaLong), PortalToken)).ReceiptCode;
        var program = new byte[1000];
        "MZ"u8.CopyTo(program);
        Task Upload(string component, string fileName, byte[] bytes) =>
            Documents.DocumentScenarios.UploadAsync(_host.Channel, PortalToken, household, component, fileName, bytes);
        Task Download(string component) => Documents.DocumentScenarios.DownloadAsync(_host.Channel, PortalToken, household, component);

        SubmitDossierRequest SubmitWith(Action<SubmitDossierRequest> change)
        {
            var request = Submit();
            change(request);
            return request;
        }

        ReportTransactionRequest Transaction(string transaction, TransactionStatus status, long amount) => new()
        {
            PaymentRequestId = paying + "/1", TransactionId = transaction, Amount = amount, Status = status, OccurredAt = At(now),
        };

        var cases = new Case[]
        {
            // The wire format, checked by the gRPC layer.
            new("INVALID_RECEIPT_CODE", StatusCode.InvalidArgument, () => d.AcceptDossierAsync(new AcceptDossierRequest { ReceiptCode = "x" }, DeskToken).ResponseAsync),
            new("INVALID_REQUEST_ID", StatusCode.InvalidArgument, () => d.SubmitDossierAsync(SubmitWith(r => r.RequestId = "a b"), PortalToken).ResponseAsync),
            new("INVALID_PROCEDURE_CODE", StatusCode.InvalidArgument, () => d.SubmitDossierAsync(SubmitWith(r => r.ProcedureCode = "!"), PortalToken).ResponseAsync),
            new("INVALID_AGENCY_CODE", StatusCode.InvalidArgument, () => d.TransferDossierAsync(new TransferDossierRequest { ReceiptCode = processing, CoordinatingAgencyCode = "x y" }, OfficerToken).ResponseAsync),
            new("INVALID_PAYMENT_REQUEST_ID", StatusCode.InvalidArgument, () => payments.GetPaymentRequestAsync(new GetPaymentRequestRequest { PaymentRequestId = "nope" }, PaymentToken).ResponseAsync),
            new("INVALID_TRACKING_NUMBER", StatusCode.InvalidArgument, () => post.GetShipmentAsync(new GetShipmentRequest { TrackingNumber = "EB123456789VN" }, PostToken).ResponseAsync),
            new("INVALID_ID", StatusCode.InvalidArgument, () => payments.ReportTransactionAsync(Transaction("", TransactionStatus.Initiated, 150_000), PaymentToken).ResponseAsync),
            new("INVALID_PARTNER_CODE", StatusCode.InvalidArgument, () => d.HandToPostAsync(new HandToPostRequest { ReceiptCode = readyByPost, Carrier = "a b" }, DeskToken).ResponseAsync),
            new("INVALID_LOOKUP_PIN", StatusCode.InvalidArgument, () => d.GetDossierAsync(new GetDossierRequest { ReceiptCode = submitted, LookupPin = "12" }).ResponseAsync),
            new("INVALID_ID_NUMBER", StatusCode.InvalidArgument, () => d.SubmitDossierAsync(SubmitWith(r => r.Applicant.IdNumber = "12345"), PortalToken).ResponseAsync),
            new("INVALID_PHONE", StatusCode.InvalidArgument, () => d.SubmitDossierAsync(SubmitWith(r => r.Applicant.Phone = "call me"), PortalToken).ResponseAsync),
            new("INVALID_EMAIL", StatusCode.InvalidArgument, () => d.SubmitDossierAsync(SubmitWith(r => r.Applicant.Email = "a@@b"), PortalToken).ResponseAsync),
            new("INVALID_DATE", StatusCode.InvalidArgument, () => reports.GetReportAsync(new GetReportRequest { Province = true, Period = PeriodKind.Month, Date = "2020-13-01" }, As(Roles.Supervisor)).ResponseAsync),
            new("INVALID_CHANNEL", StatusCode.InvalidArgument, () => d.ReceiveDossierAsync(new ReceiveDossierRequest(Counter()) { Channel = GrpcApi.V1.Channel.Online }, DeskToken).ResponseAsync),
            new("REQUIRED", StatusCode.InvalidArgument, () => d.RequestSupplementAsync(new RequestSupplementRequest { ReceiptCode = submitted, MissingItems = { "Bản vẽ" }, Reason = "Thiếu" }, DeskToken).ResponseAsync),
            new("OUT_OF_RANGE", StatusCode.InvalidArgument, () => d.RateDossierAsync(new RateDossierRequest { ReceiptCode = returned, Satisfaction = (Satisfaction)42 }, DeskToken).ResponseAsync),
            new("TOO_MANY", StatusCode.InvalidArgument, () => d.RequestPaymentAsync(new RequestPaymentRequest { ReceiptCode = processing, Fees = { Enumerable.Repeat(new FeeLine { Name = "x", Amount = 1 }, 101) } }, OfficerToken).ResponseAsync),
            new("CONTROL_CHARACTER", StatusCode.InvalidArgument, () => d.AcceptDossierAsync(new AcceptDossierRequest { ReceiptCode = submitted, Note = "a\u0001b" }, DeskToken).ResponseAsync),
            new("INVALID_VERSION", StatusCode.InvalidArgument, () => d.AcceptDossierAsync(new AcceptDossierRequest { ReceiptCode = submitted, ExpectedVersion = 0 }, DeskToken).ResponseAsync),
            new("NEGATIVE_VERSION", StatusCode.InvalidArgument, async () => { using var w = d.WatchDossier(new WatchDossierRequest { ReceiptCode = submitted, AfterVersion = -1 }, PortalToken); await w.ResponseStream.MoveNext(); }),
            new("NEGATIVE_PAGE_SIZE", StatusCode.InvalidArgument, () => agencies.ListAgencyDossiersAsync(new ListAgencyDossiersRequest { AgencyCode = Construction, PageSize = -1 }, OfficerToken).ResponseAsync),
            new("NEGATIVE_POSITION", StatusCode.InvalidArgument, () => feed.ReadChangesAsync(new ReadChangesRequest { AfterPosition = -1 }, As(Roles.Sync)).ResponseAsync),
            new("ONE_SCOPE", StatusCode.InvalidArgument, () => reports.GetReportAsync(new GetReportRequest { Period = PeriodKind.Month, Date = "2020-10-01" }, As(Roles.Supervisor)).ResponseAsync),
            new("INVALID_PAGE_TOKEN", StatusCode.InvalidArgument, () => agencies.ListAgencyDossiersAsync(new ListAgencyDossiersRequest { AgencyCode = Construction, PageToken = "garbage" }, OfficerToken).ResponseAsync),

            // The domain's rules.
            new("TOO_LONG", StatusCode.InvalidArgument, () => d.AcceptDossierAsync(new AcceptDossierRequest { ReceiptCode = submitted, Note = new string('ệ', 501) }, DeskToken).ResponseAsync),
            new("REASON_REQUIRED", StatusCode.InvalidArgument, () => d.RefuseIntakeAsync(new RefuseIntakeRequest { ReceiptCode = submitted, Reason = " " }, DeskToken).ResponseAsync),
            new("STEP_REQUIRED", StatusCode.InvalidArgument, () => d.RecordStepAsync(new RecordStepRequest { ReceiptCode = processing }, OfficerToken).ResponseAsync),
            new("MISSING_ITEMS_REQUIRED", StatusCode.InvalidArgument, () => d.RequestSupplementAsync(new RequestSupplementRequest { ReceiptCode = submitted, Reason = "Thiếu", Deadline = At(now.AddDays(10)) }, DeskToken).ResponseAsync),
            new("RESULT_REQUIRED", StatusCode.InvalidArgument, () => d.RecordResultAsync(new RecordResultRequest { ReceiptCode = processing }, OfficerToken).ResponseAsync),
            new("METHOD_REQUIRED", StatusCode.InvalidArgument, () => d.ReturnResultAsync(new ReturnResultRequest { ReceiptCode = ready }, DeskToken).ResponseAsync),
            new("HASH_REQUIRED", StatusCode.InvalidArgument, () => d.ReturnResultAsync(new ReturnResultRequest { ReceiptCode = ready, Method = ReturnMethod.Online }, DeskToken).ResponseAsync),
            new("SATISFACTION_REQUIRED", StatusCode.InvalidArgument, () => d.RateDossierAsync(new RateDossierRequest { ReceiptCode = returned }, DeskToken).ResponseAsync),
            new("STATUS_REQUIRED", StatusCode.InvalidArgument, () => payments.ReportTransactionAsync(Transaction("T0", TransactionStatus.Unspecified, 150_000), PaymentToken).ResponseAsync),
            new("ADDRESS_REQUIRED", StatusCode.InvalidArgument, () => d.SubmitDossierAsync(SubmitWith(r => r.DeliveryMethod = ReturnMethod.Post), PortalToken).ResponseAsync),
            new("INVALID_FEE_LINE", StatusCode.InvalidArgument, () => d.RequestPaymentAsync(new RequestPaymentRequest { ReceiptCode = processing, Fees = { new FeeLine { Name = "Lệ phí", Amount = -5 } } }, OfficerToken).ResponseAsync),
            new("AMOUNT_NOT_POSITIVE", StatusCode.InvalidArgument, () => payments.ReportTransactionAsync(Transaction("T0", TransactionStatus.Initiated, 0), PaymentToken).ResponseAsync),
            new("AMOUNT_MISMATCH", StatusCode.InvalidArgument, () => payments.ReportTransactionAsync(Transaction("T0", TransactionStatus.Initiated, 1), PaymentToken).ResponseAsync),
            new("DEADLINE_NOT_IN_FUTURE", StatusCode.InvalidArgument, () => d.RequestSupplementAsync(new RequestSupplementRequest { ReceiptCode = submitted, MissingItems = { "Bản vẽ" }, Reason = "Thiếu", Deadline = At(now.AddDays(-1)) }, DeskToken).ResponseAsync),
            new("PROMISED_DATE_NOT_LATER", StatusCode.InvalidArgument, () => d.IssueApologyAsync(new IssueApologyRequest { ReceiptCode = processing, Reason = "Chậm", PromisedAt = At(now.AddDays(1)) }, OfficerToken).ResponseAsync),
            new("STEP_LIMIT_OUT_OF_RANGE", StatusCode.InvalidArgument, () => d.TransferDossierAsync(new TransferDossierRequest { ReceiptCode = processing, CoordinatingAgencyCode = EnvironmentDept, StepLimitWorkingDays = 400 }, OfficerToken).ResponseAsync),
            new("SAME_AGENCY", StatusCode.InvalidArgument, () => d.TransferDossierAsync(new TransferDossierRequest { ReceiptCode = processing, CoordinatingAgencyCode = Construction }, OfficerToken).ResponseAsync),
            new("EVENT_IN_FUTURE", StatusCode.InvalidArgument, () => post.ReportDeliveryEventAsync(new ReportDeliveryEventRequest { TrackingNumber = handed, EventId = "E1", Status = ShipmentStatus.Accepted, OccurredAt = At(now.AddDays(2)) }, PostToken).ResponseAsync),
            new("NOT_A_RECEIVING_DESK", StatusCode.InvalidArgument, () => d.SubmitDossierAsync(SubmitWith(r => r.ReceivingDeskCode = Construction), PortalToken).ResponseAsync),
            new("DESK_LEVEL_MISMATCH", StatusCode.InvalidArgument, () => d.SubmitDossierAsync(SubmitWith(r => r.ReceivingDeskCode = HaLong), PortalToken).ResponseAsync),
            new("PROCEDURE_NOT_ONLINE", StatusCode.InvalidArgument, () => d.SubmitDossierAsync(SubmitWith(r => r.ProcedureCode = "1.003024"), PortalToken).ResponseAsync),
            new("RESULT_AT_DESK_ONLY", StatusCode.InvalidArgument, () => d.SubmitDossierAsync(SubmitWith(r => { r.ProcedureCode = "1.001706"; r.DeliveryMethod = ReturnMethod.Online; }), PortalToken).ResponseAsync),
            new("PROCEDURE_NOT_FOUND", StatusCode.NotFound, () => d.SubmitDossierAsync(SubmitWith(r => r.ProcedureCode = "1.999999"), PortalToken).ResponseAsync),
            new("DESK_NOT_FOUND", StatusCode.NotFound, () => d.SubmitDossierAsync(SubmitWith(r => r.ReceivingDeskCode = "H49.77"), PortalToken).ResponseAsync),
            new("AGENCY_NOT_FOUND", StatusCode.NotFound, () => d.TransferDossierAsync(new TransferDossierRequest { ReceiptCode = processing, CoordinatingAgencyCode = "H49.98" }, OfficerToken).ResponseAsync),
            new("DOSSIER_NOT_FOUND", StatusCode.NotFound, () => d.GetDossierAsync(new GetDossierRequest { ReceiptCode = "H49.50-201019-9999" }).ResponseAsync),
            new("ILLEGAL_TRANSITION", StatusCode.FailedPrecondition, () => d.ForwardDossierAsync(new ForwardDossierRequest { ReceiptCode = submitted }, DeskToken).ResponseAsync),
            new("NOT_TRANSFERRED", StatusCode.FailedPrecondition, () => d.ReturnFromTransferAsync(new ReturnFromTransferRequest { ReceiptCode = processing }, OfficerToken).ResponseAsync),
            new("NOT_BY_POST", StatusCode.FailedPrecondition, () => d.HandToPostAsync(new HandToPostRequest { ReceiptCode = ready }, DeskToken).ResponseAsync),
            new("NOTHING_TO_REFUND", StatusCode.FailedPrecondition, () => payments.ReportTransactionAsync(Transaction("R0", TransactionStatus.Refunded, 150_000), PaymentToken).ResponseAsync),

            // Who may do what.
            new("UNAUTHENTICATED", StatusCode.Unauthenticated, () => d.AcceptDossierAsync(new AcceptDossierRequest { ReceiptCode = submitted }).ResponseAsync),
            new("ROLE_NOT_ALLOWED", StatusCode.PermissionDenied, () => d.AcceptDossierAsync(new AcceptDossierRequest { ReceiptCode = submitted }, PortalToken).ResponseAsync),
            new("NO_PROVINCE", StatusCode.PermissionDenied, () => agencies.GetAgencyFiguresAsync(new GetAgencyFiguresRequest { AgencyCode = Construction }, As(Roles.Supervisor, "sv-1", Centre)).ResponseAsync),
            new("INVALID_PROVINCE_CODE", StatusCode.InvalidArgument, () => catalog.ListProceduresAsync(new ListProceduresRequest { ProvinceCode = "H49.50" }).ResponseAsync),
            new("PROVINCE_NOT_SERVED", StatusCode.NotFound, () => catalog.GetProcedureAsync(new GetProcedureRequest { Code = PermitAdjustment, ProvinceCode = "H22" }).ResponseAsync),
            new("CALENDAR_IS_NATIONAL", StatusCode.InvalidArgument, () => referenceData.GetReferenceDataAsync(new GetReferenceDataRequest { Kind = "calendar", ProvinceCode = "H49" }, As(Roles.Administrator, "qtv-01")).ResponseAsync),
            new("SUPERVISORS_ONLY", StatusCode.PermissionDenied, () => reports.GetReportAsync(new GetReportRequest { Province = true, Period = PeriodKind.Month, Date = "2020-10-01" }, OfficerToken).ResponseAsync),
            new("OUTSIDE_AGENCY", StatusCode.PermissionDenied, () => d.AcceptDossierAsync(new AcceptDossierRequest { ReceiptCode = submitted }, As(Roles.DeskOfficer, "mc-hl", HaLong)).ResponseAsync),
            new("OTHER_AGENCY", StatusCode.PermissionDenied, () => agencies.GetAgencyFiguresAsync(new GetAgencyFiguresRequest { AgencyCode = EnvironmentDept }, OfficerToken).ResponseAsync),
            new("NOT_YOUR_DOSSIER", StatusCode.PermissionDenied, () => d.WithdrawDossierAsync(new WithdrawDossierRequest { ReceiptCode = submitted }, As(Roles.Portal, "other-portal")).ResponseAsync),
            new("NOT_YOUR_PAYMENT_REQUEST", StatusCode.PermissionDenied, () => payments.GetPaymentRequestAsync(new GetPaymentRequestRequest { PaymentRequestId = submitted + "/1" }, PaymentToken).ResponseAsync),
            new("NOT_YOUR_SHIPMENT", StatusCode.PermissionDenied, () => post.GetShipmentAsync(new GetShipmentRequest { TrackingNumber = handed }, As(Roles.Postal, "viettelpost")).ResponseAsync),
            new("VERSION_MISMATCH", StatusCode.Aborted, () => d.AcceptDossierAsync(new AcceptDossierRequest { ReceiptCode = submitted, ExpectedVersion = 5 }, DeskToken).ResponseAsync),
            new("REQUEST_ID_REUSED", StatusCode.AlreadyExists, () => d.SubmitDossierAsync(new SubmitDossierRequest(reused) { Applicant = Citizen("022090005555") }, PortalToken).ResponseAsync),

            // The dossier's papers.
            new("CONTENT_TYPE_NOT_ALLOWED", StatusCode.InvalidArgument, () => Upload("giay-de-nghi", "scan.pdf", program)),
            new("UNKNOWN_COMPONENT", StatusCode.InvalidArgument, () => Upload("ban-ve", "scan.pdf", Documents.DocumentScenarios.Pdf(1000))),
            new("INVALID_FILE_NAME", StatusCode.InvalidArgument, () => Upload("giay-de-nghi", "../scan.pdf", Documents.DocumentScenarios.Pdf(1000))),
            new("INVALID_COMPONENT_CODE", StatusCode.InvalidArgument, () => Download("Giay De Nghi")),
            new("DOCUMENT_NOT_FOUND", StatusCode.NotFound, () => Download("giay-de-nghi")),
        };

        var listed = ReasonsListedInReadme();
        var wrong = new List<string>();
        foreach (var c in cases)
        {
            var e = await Assert.ThrowsAsync<RpcException>(c.Call);
            var reason = e.GetRpcStatus()?.GetDetail<ErrorInfo>()?.Reason;
            if (e.StatusCode != c.Status || reason != c.Reason)
            {
                wrong.Add($"{c.Reason}: got {e.StatusCode} {reason} ({e.Status.Detail})");
            }

            if (e.StatusCode == StatusCode.InvalidArgument && e.GetRpcStatus()?.GetDetail<BadRequest>() is null)
            {
                wrong.Add($"{c.Reason}: INVALID_ARGUMENT without the field named");
            }

            if (!listed.Contains(c.Reason))
            {
                wrong.Add($"{c.Reason}: not in the README's table of refusal reasons");
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
        Assert.Equal(cases.Length, cases.Select(c => c.Reason).Distinct().Count());

        // None of it changed anything.
        Assert.Equal(1, (await d.GetDossierAsync(new GetDossierRequest { ReceiptCode = submitted }, DeskToken)).Version);
    }

    private DateTimeOffset _clockNow() => fixture.Clock.GetUtcNow();

    private async Task<string> Processing()
    {
        var code = (await _host.Dossiers.ReceiveDossierAsync(Counter())).ReceiptCode;
        await _host.Dossiers.ForwardDossierAsync(new ForwardDossierRequest { ReceiptCode = code, Actor = Desk() });
        return code;
    }

    private async Task<string> Ready(bool post)
    {
        var request = Counter();
        if (post)
        {
            request.DeliveryMethod = ReturnMethod.Post;
            request.DeliveryAddress = "Số 1 phố Cao Thắng, TP Hạ Long";
        }

        var code = (await _host.Dossiers.ReceiveDossierAsync(request)).ReceiptCode;
        await _host.Dossiers.ForwardDossierAsync(new ForwardDossierRequest { ReceiptCode = code, Actor = Desk() });
        await _host.Dossiers.RecordResultAsync(new RecordResultRequest { ReceiptCode = code, Actor = Officer(), Result = ResultKind.Approved, DocumentRef = "GP" });
        return code;
    }

    /// <summary>The reasons named in the README's table of refusal reasons.</summary>
    private static HashSet<string> ReasonsListedInReadme()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DossierTracking.slnx")))
        {
            dir = dir.Parent;
        }

        var readme = File.ReadAllText(Path.Combine(dir!.FullName, "README.md"));
        var section = readme[readme.IndexOf("### Refusal reasons", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n### ", 5, StringComparison.Ordinal)];
        return [.. Regex.Matches(section, "`([A-Z][A-Z0-9_]+)`").Select(m => m.Groups[1].Value)];
    }
}
