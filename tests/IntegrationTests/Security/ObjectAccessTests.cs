using DossierTracking.GrpcApi.Security;
using DossierTracking.GrpcApi.V1;
using DossierTracking.IntegrationTests.Infrastructure;
using Google.Rpc;
using Grpc.Core;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;
using static DossierTracking.IntegrationTests.Infrastructure.Requests;

namespace DossierTracking.IntegrationTests.Security;

/// <summary>
/// The attacker with a valid token: for every RPC that names an object (a receipt code, a payment request, a shipment,
/// an agency), a caller of the right role but of another unit, portal or partner is refused, and is refused exactly
/// as it is for an object that does not exist, so that the answer tells it nothing; and nothing changes.
/// </summary>
public sealed class ObjectAccessTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Unknown = "H49.50-201019-9999";
    private const string UnknownAgency = "H49.98";
    private const string ThirdDept = "H49.10";

    private readonly FakeTimeProvider _clock = new(Local(2020, 10, 19, 8, 0));
    private TestHost _host = null!;

    public async Task InitializeAsync() => _host = await TestHost.StartAsync(clock: _clock);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static Metadata As(string role, string subject, string agency = "") => TestTokens.Bearer(TestTokens.For(role, subject, agency));

    private static readonly Metadata OtherPortal = As(Roles.Portal, "other-portal");
    private static readonly Metadata OtherDesk = As(Roles.DeskOfficer, "mc-hl-01", HaLong);
    private static readonly Metadata OtherOfficer = As(Roles.AgencyOfficer, "cv-tnmt-01", EnvironmentDept);
    private static readonly Metadata ThirdOfficer = As(Roles.AgencyOfficer, "cv-10", ThirdDept);
    private static readonly Metadata OtherLeader = As(Roles.AgencyLeader, "ld-tnmt", EnvironmentDept);
    private static readonly Metadata OtherIntermediary = As(Roles.Payment, "momo");
    private static readonly Metadata OtherCarrier = As(Roles.Postal, "viettelpost");

    private sealed record Attempt(string Rpc, string Code, Func<string, Task> Call);

    [Fact]
    public async Task Every_rpc_that_names_an_object_refuses_a_foreign_caller_exactly_as_it_refuses_an_unknown_object()
    {
        var api = _host.Dossiers;
        var submitted = (await api.SubmitDossierAsync(Submit())).ReceiptCode;
        var received = await Received();
        var processing = await Processing();
        var waitingForPapers = await Processing();
        await api.RequestSupplementAsync(new RequestSupplementRequest
        {
            ReceiptCode = waitingForPapers, Actor = Officer(), MissingItems = { "Bản vẽ" }, Reason = "Thiếu bản vẽ", Deadline = At(Local(2020, 11, 30)),
        });
        var transferred = await Processing();
        await api.TransferDossierAsync(new TransferDossierRequest { ReceiptCode = transferred, Actor = Officer(), CoordinatingAgencyCode = EnvironmentDept });
        var ready = await ReadyByPost();
        var handed = await ReadyByPost();
        var shipment = (await api.HandToPostAsync(new HandToPostRequest { ReceiptCode = handed, Actor = Desk() })).Shipments[0].TrackingNumber;
        var returned = await Processing();
        await api.RecordResultAsync(new RecordResultRequest { ReceiptCode = returned, Actor = Officer(), Result = ResultKind.Approved, DocumentRef = "GP-1" });
        await api.ReturnResultAsync(new ReturnResultRequest { ReceiptCode = returned, Actor = Desk(), Method = ReturnMethod.InPerson });
        var paying = await Processing();
        await api.RequestPaymentAsync(new RequestPaymentRequest { ReceiptCode = paying, Actor = Officer(), Fees = { new FeeLine { Name = "Lệ phí", Amount = 150_000 } } });
        var payments = new PaymentService.PaymentServiceClient(_host.Channel);
        var vnpay = As(Roles.Payment, "vnpay");
        await payments.ReportTransactionAsync(Transaction(paying + "/1", "VNP-1", TransactionStatus.Initiated), vnpay);
        var post = new PostalService.PostalServiceClient(_host.Channel);
        var agencies = new AgencyService.AgencyServiceClient(_host.Channel);
        var reports = new ReportService.ReportServiceClient(_host.Channel);
        var dossiers = new DossierService.DossierServiceClient(_host.Channel);

        var attempts = new List<Attempt>
        {
            new("AcceptDossier", submitted, c => dossiers.AcceptDossierAsync(new AcceptDossierRequest { ReceiptCode = c }, OtherDesk).ResponseAsync),
            new("RefuseIntake", submitted, c => dossiers.RefuseIntakeAsync(new RefuseIntakeRequest { ReceiptCode = c, Reason = "x" }, OtherDesk).ResponseAsync),
            new("RequestSupplement (desk)", submitted, c => dossiers.RequestSupplementAsync(Supplement(c), OtherDesk).ResponseAsync),
            new("RequestSupplement (agency)", processing, c => dossiers.RequestSupplementAsync(Supplement(c), OtherOfficer).ResponseAsync),
            new("ReceiveSupplement", waitingForPapers, c => dossiers.ReceiveSupplementAsync(new ReceiveSupplementRequest { ReceiptCode = c }, OtherDesk).ResponseAsync),
            new("ExpireSupplement", waitingForPapers, c => dossiers.ExpireSupplementAsync(new ExpireSupplementRequest { ReceiptCode = c }, OtherDesk).ResponseAsync),
            new("ForwardDossier", received, c => dossiers.ForwardDossierAsync(new ForwardDossierRequest { ReceiptCode = c }, OtherDesk).ResponseAsync),
            new("RecordStep", processing, c => dossiers.RecordStepAsync(new RecordStepRequest { ReceiptCode = c, Step = "Thẩm định" }, OtherOfficer).ResponseAsync),
            new("TransferDossier", processing, c => dossiers.TransferDossierAsync(new TransferDossierRequest { ReceiptCode = c, CoordinatingAgencyCode = ThirdDept }, OtherOfficer).ResponseAsync),
            new("ReturnFromTransfer", transferred, c => dossiers.ReturnFromTransferAsync(new ReturnFromTransferRequest { ReceiptCode = c }, ThirdOfficer).ResponseAsync),
            new("RequestPayment", processing, c => dossiers.RequestPaymentAsync(new RequestPaymentRequest { ReceiptCode = c }, OtherOfficer).ResponseAsync),
            new("StopProcessing", processing, c => dossiers.StopProcessingAsync(new StopProcessingRequest { ReceiptCode = c, Reason = "x" }, OtherLeader).ResponseAsync),
            new("RecordResult", processing, c => dossiers.RecordResultAsync(new RecordResultRequest { ReceiptCode = c, Result = ResultKind.Approved }, OtherOfficer).ResponseAsync),
            new("IssueApology (agency)", processing, c => dossiers.IssueApologyAsync(Apology(c), OtherOfficer).ResponseAsync),
            new("IssueApology (desk)", processing, c => dossiers.IssueApologyAsync(Apology(c), OtherDesk).ResponseAsync),
            new("WithdrawDossier (portal)", submitted, c => dossiers.WithdrawDossierAsync(new WithdrawDossierRequest { ReceiptCode = c }, OtherPortal).ResponseAsync),
            new("WithdrawDossier (counter, portal)", received, c => dossiers.WithdrawDossierAsync(new WithdrawDossierRequest { ReceiptCode = c }, OtherPortal).ResponseAsync),
            new("WithdrawDossier (desk)", submitted, c => dossiers.WithdrawDossierAsync(new WithdrawDossierRequest { ReceiptCode = c }, OtherDesk).ResponseAsync),
            new("ReturnResult", ready, c => dossiers.ReturnResultAsync(new ReturnResultRequest { ReceiptCode = c, Method = ReturnMethod.InPerson }, OtherDesk).ResponseAsync),
            new("HandToPost", ready, c => dossiers.HandToPostAsync(new HandToPostRequest { ReceiptCode = c }, OtherDesk).ResponseAsync),
            new("RateDossier (portal)", returned, c => dossiers.RateDossierAsync(Rating(c), OtherPortal).ResponseAsync),
            new("RateDossier (desk)", returned, c => dossiers.RateDossierAsync(Rating(c), OtherDesk).ResponseAsync),
            new("IssueLookupPin (portal)", submitted, c => dossiers.IssueLookupPinAsync(new IssueLookupPinRequest { ReceiptCode = c }, OtherPortal).ResponseAsync),
            new("IssueLookupPin (desk)", submitted, c => dossiers.IssueLookupPinAsync(new IssueLookupPinRequest { ReceiptCode = c }, OtherDesk).ResponseAsync),
            new("WatchDossier (portal)", submitted, c => Watch(dossiers, c, OtherPortal)),
            new("WatchDossier (officer)", processing, c => Watch(dossiers, c, OtherOfficer)),
            new("ReportTransaction", paying + "/1", id => payments.ReportTransactionAsync(Transaction(id, "MOMO-1", TransactionStatus.Succeeded), OtherIntermediary).ResponseAsync),
            new("ReportTransaction (its id)", paying + "/1", id => payments.ReportTransactionAsync(Transaction(id, "VNP-1", TransactionStatus.Succeeded), OtherIntermediary).ResponseAsync),
            new("GetPaymentRequest", paying + "/1", id => payments.GetPaymentRequestAsync(new GetPaymentRequestRequest { PaymentRequestId = id }, OtherIntermediary).ResponseAsync),
            new("ReportDeliveryEvent", shipment, t => post.ReportDeliveryEventAsync(Delivery(t), OtherCarrier).ResponseAsync),
            new("GetShipment", shipment, t => post.GetShipmentAsync(new GetShipmentRequest { TrackingNumber = t }, OtherCarrier).ResponseAsync),
            new("GetAgencyFigures", Construction, a => agencies.GetAgencyFiguresAsync(new GetAgencyFiguresRequest { AgencyCode = a }, OtherOfficer).ResponseAsync),
            new("GetAgencyQueue", Construction, a => agencies.GetAgencyQueueAsync(new GetAgencyQueueRequest { AgencyCode = a }, OtherOfficer).ResponseAsync),
            new("ListAgencyDossiers", Construction, a => agencies.ListAgencyDossiersAsync(new ListAgencyDossiersRequest { AgencyCode = a }, OtherOfficer).ResponseAsync),
            new("GetReport", Construction, a => reports.GetReportAsync(new GetReportRequest { AgencyCode = a, Period = PeriodKind.Month, Date = "2020-10-01" }, OtherOfficer).ResponseAsync),
        };

        var codes = new[] { submitted, received, processing, waitingForPapers, transferred, ready, handed, returned, paying };
        var before = await VersionsAsync(codes);
        foreach (var attempt in attempts)
        {
            var foreign = await RefusalAsync(attempt.Call, attempt.Code);
            var unknown = await RefusalAsync(attempt.Call, UnknownLike(attempt.Code));
            output.WriteLine($"{attempt.Rpc}: {foreign.Status} {foreign.Reason}");
            Assert.True(foreign.Status == StatusCode.PermissionDenied, $"{attempt.Rpc} on a foreign object: {foreign}");
            Assert.True(foreign == unknown, $"{attempt.Rpc}: foreign {foreign} but unknown {unknown}");
        }

        Assert.Equal(before, await VersionsAsync(codes));

        // Lookups by receipt code stay open: an outsider gets the public view, never the full record.
        foreach (var outsider in new[] { OtherPortal, OtherDesk, OtherOfficer })
        {
            var view = await dossiers.GetDossierAsync(new GetDossierRequest { ReceiptCode = processing }, outsider);
            Assert.Equal(("", "", ""), (view.Applicant.IdNumber, view.Applicant.Phone, view.Applicant.Address));
        }
    }

    /// <summary>An object of the same kind that does not exist.</summary>
    private static string UnknownLike(string code) => code switch
    {
        _ when code.Contains('/') => Unknown + "/1",
        _ when code.EndsWith("-P1", StringComparison.Ordinal) => Unknown + "-P1",
        _ when code.Count(ch => ch == '-') == 0 => UnknownAgency,
        _ => Unknown,
    };

    private async Task<Dictionary<string, long>> VersionsAsync(IEnumerable<string> codes)
    {
        var versions = new Dictionary<string, long>();
        foreach (var code in codes)
        {
            versions[code] = (await _host.Dossiers.GetDossierAsync(new GetDossierRequest { ReceiptCode = code })).Version;
        }

        return versions;
    }

    internal sealed record Refusal(StatusCode Status, string Reason, string Message);

    internal static async Task<Refusal> RefusalAsync(Func<string, Task> call, string code)
    {
        try
        {
            await call(code);
            return new Refusal(StatusCode.OK, "", "");
        }
        catch (RpcException e)
        {
            return new Refusal(e.StatusCode, e.GetRpcStatus()?.GetDetail<ErrorInfo>()?.Reason ?? "", e.Status.Detail);
        }
    }

    private static async Task Watch(DossierService.DossierServiceClient client, string code, Metadata caller)
    {
        using var call = client.WatchDossier(new WatchDossierRequest { ReceiptCode = code }, caller);
        await call.ResponseStream.MoveNext();
    }

    private async Task<string> Received() => (await _host.Dossiers.ReceiveDossierAsync(Agencies.AgencyTestSupport.Counter())).ReceiptCode;

    private async Task<string> Processing()
    {
        var code = await Received();
        await _host.Dossiers.ForwardDossierAsync(new ForwardDossierRequest { ReceiptCode = code, Actor = Desk() });
        return code;
    }

    private async Task<string> ReadyByPost()
    {
        var request = Submit();
        request.DeliveryMethod = ReturnMethod.Post;
        request.DeliveryAddress = "Số 1 phố Cao Thắng, TP Hạ Long";
        var code = (await _host.Dossiers.SubmitDossierAsync(request)).ReceiptCode;
        await _host.Dossiers.AcceptDossierAsync(new AcceptDossierRequest { ReceiptCode = code, Actor = Desk() });
        await _host.Dossiers.ForwardDossierAsync(new ForwardDossierRequest { ReceiptCode = code, Actor = Desk() });
        await _host.Dossiers.RecordResultAsync(new RecordResultRequest { ReceiptCode = code, Actor = Officer(), Result = ResultKind.Approved, DocumentRef = "GP-2" });
        return code;
    }

    private static RequestSupplementRequest Supplement(string code) =>
        new() { ReceiptCode = code, MissingItems = { "Bản vẽ" }, Reason = "Thiếu", Deadline = At(Local(2020, 11, 30)) };

    private static IssueApologyRequest Apology(string code) => new() { ReceiptCode = code, PromisedAt = At(Local(2021, 6, 30)), Reason = "Chậm" };

    private static RateDossierRequest Rating(string code) => new() { ReceiptCode = code, Satisfaction = Satisfaction.NotSatisfied };

    private static ReportTransactionRequest Transaction(string id, string transaction, TransactionStatus status) => new()
    {
        PaymentRequestId = id, TransactionId = transaction, Amount = 150_000, Status = status, OccurredAt = At(Local(2020, 10, 19, 8, 30)),
    };

    private static ReportDeliveryEventRequest Delivery(string tracking) => new()
    {
        TrackingNumber = tracking, EventId = "VT-1", Status = ShipmentStatus.Delivered, OccurredAt = At(Local(2020, 10, 19, 8, 30)),
    };
}
