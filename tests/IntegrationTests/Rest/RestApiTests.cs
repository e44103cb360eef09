using System.Net;
using System.Text.Json.Nodes;
using DossierTracking.GrpcApi.Security;
using DossierTracking.GrpcApi.V1;
using DossierTracking.IntegrationTests.Agencies;
using DossierTracking.IntegrationTests.Audit;
using DossierTracking.IntegrationTests.Infrastructure;
using Google.Protobuf;
using Grpc.Core;
using static DossierTracking.IntegrationTests.Infrastructure.Requests;

namespace DossierTracking.IntegrationTests.Rest;

/// <summary>
/// The REST/JSON surface, over plain HTTP/1.1 on the silo's HTTP port: the main flows answer exactly what gRPC answers,
/// and refusals keep gRPC's access rules, reasons and idempotency, with the HTTP status of their gRPC code.
/// </summary>
public sealed class RestApiTests(HostFixture fixture) : IClassFixture<HostFixture>, IDisposable
{
    private static readonly string Portal = TestTokens.For(Roles.Portal, "dvc-portal");
    private static readonly string DeskToken = TestTokens.For(Roles.DeskOfficer, "mc-01", Centre);
    private static readonly string OtherDesk = TestTokens.For(Roles.DeskOfficer, "mc-hl-01", HaLong);
    private static readonly string OfficerToken = TestTokens.For(Roles.AgencyOfficer, "cv-07", Construction);
    private static readonly string Vnpay = TestTokens.For(Roles.Payment, "vnpay");
    private static readonly string Momo = TestTokens.For(Roles.Payment, "momo");
    private static readonly string Post = TestTokens.For(Roles.Postal, "vnpost-qn");

    private readonly RestCaller _rest = new(fixture.Host);

    private TestHost Host => fixture.Host;

    private static Metadata Bearer(string token) => TestTokens.Bearer(token);

    /// <summary>Now on the host's domain clock, for reports that may not lie in the future.</summary>
    private string Now => fixture.Clock.GetUtcNow().AddMinutes(-1).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<(string Code, string Pin)> SubmitAsync(string? idNumber = null, bool byPost = false)
    {
        var request = Submit();
        request.Applicant = Citizen(idNumber ?? "022090001234");
        if (byPost)
        {
            request.DeliveryMethod = ReturnMethod.Post;
            request.DeliveryAddress = "Số 5 phố Lê Thánh Tông, phường Hồng Gai, TP Hạ Long";
        }

        var reply = await _rest.PostAsync("/v1/dossiers", Portal, request);
        var dossier = reply.As<Dossier>();
        return (dossier.ReceiptCode, dossier.LookupPin);
    }

    private Task<Dossier> GrpcGetAsync(string code, string token) =>
        Host.Dossiers.GetDossierAsync(new GetDossierRequest { ReceiptCode = code }, Bearer(token)).ResponseAsync;

    [Fact]
    public async Task A_dossier_submitted_accepted_and_worked_on_over_REST_reads_the_same_over_REST_and_gRPC()
    {
        var (code, pin) = await SubmitAsync();
        Assert.Matches(@"^\d{8}$", pin);

        // The full record to the desk, the public view to anyone, the full record again with the applicant's PIN.
        Assert.Equal(await GrpcGetAsync(code, DeskToken), (await _rest.GetAsync($"/v1/dossiers/{code}", DeskToken)).As<Dossier>());
        var anonymous = new DossierService.DossierServiceClient(Host.Channel);
        var publicReply = await _rest.GetAsync($"/v1/dossiers/{code}");
        // A dossier is personal data: no browser or proxy keeps a copy.
        Assert.Equal("no-store", publicReply.CacheControl);
        var publicView = publicReply.As<Dossier>();
        Assert.Equal(await anonymous.GetDossierAsync(new GetDossierRequest { ReceiptCode = code }), publicView);
        Assert.Equal("Nguyễn V. A.", publicView.Applicant.FullName);
        var withPin = (await _rest.PostAsync($"/v1/dossiers/{code}:lookup", null, $$"""{"lookupPin": "{{pin}}"}""")).As<Dossier>();
        Assert.Equal("Nguyễn Văn An", withPin.Applicant.FullName);
        // Never in a URL, which proxies and access logs keep: the PIN or ID number in a GET's query is refused, not used.
        foreach (var query in new[] { $"lookupPin={pin}", $"lookup_pin={pin}", "applicantIdNumber=022090001234", "applicant_id_number=022090001234" })
        {
            var inUrl = await _rest.GetAsync($"/v1/dossiers/{code}?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, inUrl.Status);
            Assert.Equal("SECOND_FACTOR_IN_QUERY", inUrl.Reason);
            Assert.Equal("no-store", inUrl.CacheControl);
            Assert.DoesNotContain("022090001234", inUrl.Body);
        }

        var accepted = (await _rest.PostAsync($"/v1/dossiers/{code}:accept", DeskToken, $$"""{"requestId": "{{code}}-accept"}""")).As<Dossier>();
        Assert.Equal(DossierState.Received, accepted.State);
        Assert.Equal(await GrpcGetAsync(code, DeskToken), accepted);

        await Host.Dossiers.ForwardDossierAsync(new ForwardDossierRequest { ReceiptCode = code, RequestId = code + "-forward" }, Bearer(DeskToken));
        var stepped = (await _rest.PostAsync($"/v1/dossiers/{code}/steps", OfficerToken, $$"""{"requestId": "{{code}}-step", "step": "Thẩm định hồ sơ"}""")).As<Dossier>();
        Assert.Equal(("Thẩm định hồ sơ", DossierState.InProcessing), (stepped.CurrentStep, stepped.State));
        Assert.Equal(await GrpcGetAsync(code, OfficerToken), stepped);
        var last = stepped.History[^1];
        Assert.Equal((DossierAction.RecordStep, "cv-07", Party.AgencyOfficer), (last.Action, last.Actor.PersonId, last.Actor.Party));
    }

    [Fact]
    public async Task Fees_are_asked_for_paid_and_reported_over_REST_as_over_gRPC()
    {
        var (code, _) = await SubmitAsync();
        await Host.Dossiers.AcceptDossierAsync(new AcceptDossierRequest { ReceiptCode = code }, Bearer(DeskToken));
        await Host.Dossiers.ForwardDossierAsync(new ForwardDossierRequest { ReceiptCode = code }, Bearer(DeskToken));

        var asked = (await _rest.PostAsync($"/v1/dossiers/{code}/payment-requests", OfficerToken,
            $$"""{"requestId": "{{code}}-fees", "intermediary": "vnpay", "fees": [{"name": "Lệ phí cấp phép", "amount": 150000}]}""")).As<Dossier>();
        Assert.Equal(DossierState.AwaitingPayment, asked.State);
        var id = asked.Payments[^1].Id;
        Assert.Equal(code + "/1", id);

        // The id's slash splits it over two path segments.
        var payments = new PaymentService.PaymentServiceClient(Host.Channel);
        var read = (await _rest.GetAsync($"/v1/payment-requests/{id}", Vnpay)).As<PaymentRequest>();
        Assert.Equal(await payments.GetPaymentRequestAsync(new GetPaymentRequestRequest { PaymentRequestId = id }, Bearer(Vnpay)), read);
        Assert.Equal((150_000L, PaymentStatus.Unpaid), (read.Total, read.Status));

        var report = $$"""{"transactionId": "VNP-{{code}}", "amount": 150000, "status": "TRANSACTION_STATUS_SUCCEEDED", "occurredAt": "{{Now}}"}""";
        var paid = (await _rest.PostAsync($"/v1/payment-requests/{id}/transactions", Vnpay, report)).As<ReportTransactionReply>();
        Assert.Equal((ReportOutcome.Applied, PaymentStatus.Paid, DossierState.InProcessing), (paid.Outcome, paid.PaymentRequest.Status, paid.DossierState));
        Assert.Equal(await payments.GetPaymentRequestAsync(new GetPaymentRequestRequest { PaymentRequestId = id }, Bearer(Vnpay)), paid.PaymentRequest);
        Assert.Matches(@"^BL\d\dE-\d{7}$", paid.PaymentRequest.Receipt.Display);

        // The same report again changes nothing; another intermediary is refused as for a request that does not exist.
        Assert.Equal(ReportOutcome.Duplicate, (await _rest.PostAsync($"/v1/payment-requests/{id}/transactions", Vnpay, report)).As<ReportTransactionReply>().Outcome);
        var foreign = await _rest.GetAsync($"/v1/payment-requests/{id}", Momo);
        var unknown = await _rest.GetAsync($"/v1/payment-requests/{code}/9", Momo);
        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (foreign.Status, unknown.Status));
        Assert.Equal(foreign.Body.Replace(id, "ID", StringComparison.Ordinal), unknown.Body.Replace(code + "/9", "ID", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_post_reports_a_delivery_over_REST_and_the_shipment_reads_the_same_over_gRPC()
    {
        var (code, _) = await SubmitAsync(byPost: true);
        await Host.Dossiers.AcceptDossierAsync(new AcceptDossierRequest { ReceiptCode = code }, Bearer(DeskToken));
        await Host.Dossiers.ForwardDossierAsync(new ForwardDossierRequest { ReceiptCode = code }, Bearer(DeskToken));
        await Host.Dossiers.RecordResultAsync(new RecordResultRequest { ReceiptCode = code, Result = ResultKind.Approved, DocumentRef = "GPXD-118" }, Bearer(OfficerToken));

        var handed = (await _rest.PostAsync($"/v1/dossiers/{code}/shipments", DeskToken, $$"""{"requestId": "{{code}}-post", "carrier": "vnpost-qn"}""")).As<Dossier>();
        var tracking = handed.Shipments[^1].TrackingNumber;
        var delivered = (await _rest.PostAsync($"/v1/shipments/{tracking}/events", Post,
            $$"""{"eventId": "VNPOST-{{code}}", "status": "SHIPMENT_STATUS_DELIVERED", "occurredAt": "{{Now}}"}""")).As<ReportDeliveryEventReply>();

        Assert.Equal((PostalOutcome.Applied, DossierState.ResultReturned), (delivered.Outcome, delivered.DossierState));
        var postal = new PostalService.PostalServiceClient(Host.Channel);
        var shipment = await postal.GetShipmentAsync(new GetShipmentRequest { TrackingNumber = tracking }, Bearer(Post));
        Assert.Equal(shipment, (await _rest.GetAsync($"/v1/shipments/{tracking}", Post)).As<Shipment>());
        Assert.Equal(ShipmentStatus.Delivered, shipment.Status);
    }

    [Fact]
    public async Task Agency_figures_and_a_paged_applicant_search_read_the_same_over_REST_and_gRPC()
    {
        var idNumber = "0220" + Random.Shared.NextInt64(10_000_000, 99_999_999);
        var codes = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            codes.Add((await SubmitAsync(idNumber)).Code);
        }

        var agencies = new AgencyService.AgencyServiceClient(Host.Channel);
        var (rest, grpc) = await AgencyTestSupport.EventuallyAsync(
            async () => ((await _rest.GetAsync("/v1/agencies/H49.50/figures", DeskToken)).As<AgencyFigures>(),
                await agencies.GetAgencyFiguresAsync(new GetAgencyFiguresRequest { AgencyCode = Centre }, Bearer(DeskToken))),
            pair => pair.Item1.Equals(pair.Item2) && pair.Item1.ReceivedToday.Online >= 3);
        Assert.Equal(grpc, rest);

        // The read model follows within about a second; then two pages of two and one, each page the same over both.
        await AgencyTestSupport.EventuallyAsync(
            () => agencies.FindDossiersAsync(new FindDossiersRequest { ApplicantIdNumber = idNumber, PageSize = 10 }, Bearer(DeskToken)).ResponseAsync,
            found => found.Dossiers.Count == 3);
        var search = new JsonObject { ["applicantIdNumber"] = idNumber, ["pageSize"] = 2 };
        var first = (await _rest.PostAsync("/v1/dossiers:search", DeskToken, search.ToJsonString())).As<FindDossiersResponse>();
        Assert.Equal(2, first.Dossiers.Count);
        Assert.NotEmpty(first.NextPageToken);
        search["pageToken"] = first.NextPageToken;
        var second = (await _rest.PostAsync("/v1/dossiers:search", DeskToken, search.ToJsonString())).As<FindDossiersResponse>();
        Assert.Equal("", second.NextPageToken);
        Assert.Equal(codes.Order(StringComparer.Ordinal), first.Dossiers.Concat(second.Dossiers).Select(d => d.ReceiptCode));

        var grpcFirst = await agencies.FindDossiersAsync(new FindDossiersRequest { ApplicantIdNumber = idNumber, PageSize = 2 }, Bearer(DeskToken));
        Assert.Equal(grpcFirst.Dossiers, first.Dossiers);
        // A REST page token is the caller's token for the query, whichever face asks for the next page.
        var grpcSecond = await agencies.FindDossiersAsync(new FindDossiersRequest { ApplicantIdNumber = idNumber, PageSize = 2, PageToken = first.NextPageToken }, Bearer(DeskToken));
        Assert.Equal(second.Dossiers, grpcSecond.Dossiers);
    }

    [Fact]
    public async Task Refusals_answer_the_HTTP_status_of_their_gRPC_code_with_the_same_reason_and_never_a_server_error()
    {
        var (code, _) = await SubmitAsync();
        var accept = $$"""{"requestId": "{{code}}-accept"}""";

        var noToken = await _rest.PostAsync($"/v1/dossiers/{code}:accept", null, accept);
        Assert.Equal((HttpStatusCode.Unauthorized, (int)StatusCode.Unauthenticated, "UNAUTHENTICATED"), (noToken.Status, noToken.Error.Code, noToken.Reason));
        var badToken = await _rest.PostAsync($"/v1/dossiers/{code}:accept", "not-a-token", accept);
        Assert.Equal((HttpStatusCode.Unauthorized, "UNAUTHENTICATED"), (badToken.Status, badToken.Reason));
        var wrongRole = await _rest.PostAsync($"/v1/dossiers/{code}:accept", Portal, accept);
        Assert.Equal((HttpStatusCode.Forbidden, (int)StatusCode.PermissionDenied, "ROLE_NOT_ALLOWED"), (wrongRole.Status, wrongRole.Error.Code, wrongRole.Reason));

        // Another desk's dossier and one that does not exist: the same answer, apart from the receipt code.
        var unknownCode = "H49.50-201019-9999";
        var foreign = await _rest.PostAsync($"/v1/dossiers/{code}:accept", OtherDesk, accept);
        var unknown = await _rest.PostAsync($"/v1/dossiers/{unknownCode}:accept", OtherDesk, $$"""{"requestId": "{{code}}-accept"}""");
        Assert.Equal(HttpStatusCode.Forbidden, foreign.Status);
        Assert.Equal(foreign.Body.Replace(code, "CODE", StringComparison.Ordinal), unknown.Body.Replace(unknownCode, "CODE", StringComparison.Ordinal));
        var grpcForeign = await Assert.ThrowsAsync<RpcException>(() =>
            Host.Dossiers.AcceptDossierAsync(new AcceptDossierRequest { ReceiptCode = code, RequestId = code + "-accept" }, Bearer(OtherDesk)).ResponseAsync);
        Assert.Equal((StatusCode.PermissionDenied, grpcForeign.Status.Detail), ((StatusCode)foreign.Error.Code, foreign.Error.Message));

        // Bad input names the field; JSON that does not parse is refused as bad input too.
        var badCode = await _rest.GetAsync("/v1/dossiers/not-a-receipt-code");
        Assert.Equal((HttpStatusCode.BadRequest, "INVALID_RECEIPT_CODE", "receipt_code"), (badCode.Status, badCode.Reason, badCode.Field));
        var badProcedure = await _rest.PostAsync("/v1/dossiers", Portal, """{"requestId": "r-bad", "procedureCode": "1.003205; drop", "receivingDeskCode": "H49.50", "applicant": {"kind": "APPLICANT_KIND_CITIZEN", "fullName": "Nguyễn Văn An", "idNumber": "022090001234"}}""");
        Assert.Equal((HttpStatusCode.BadRequest, "procedure_code"), (badProcedure.Status, badProcedure.Field));
        var negative = await _rest.GetAsync("/v1/procedures?pageSize=-1");
        Assert.Equal((HttpStatusCode.BadRequest, "page_size"), (negative.Status, negative.Field));
        foreach (var malformed in new[] { """{"requestId": """, """{"requestId": "x", "deliveryMethod": "NO_SUCH_METHOD"}""", """{"requestId": ["x"]}""" })
        {
            var refused = await _rest.PostAsync("/v1/dossiers", Portal, malformed);
            Assert.Equal((HttpStatusCode.BadRequest, (int)StatusCode.InvalidArgument), (refused.Status, refused.Error.Code));
        }

        var notJson = await _rest.Http.PostAsync($"/v1/dossiers/{code}:accept", new StringContent("requestId=x"));
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);

        // A body over the 1 MiB a gRPC message may have is refused before any service code runs.
        var huge = new JsonObject { ["requestId"] = "r-huge", ["note"] = new string('x', 2 * 1024 * 1024) }.ToJsonString();
        var tooLarge = await _rest.PostAsync($"/v1/dossiers/{code}:accept", DeskToken, huge);
        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, (int)StatusCode.ResourceExhausted), (tooLarge.Status, tooLarge.Error.Code));
        Assert.Equal(DossierState.Submitted, (await GrpcGetAsync(code, DeskToken)).State);
    }

    [Fact]
    public async Task A_change_sent_again_with_its_request_id_over_REST_returns_the_first_answer_and_applies_once()
    {
        var request = Submit("portal-rest-replay-" + Guid.NewGuid().ToString("N")[..8]);
        var submitted = (await _rest.PostAsync("/v1/dossiers", Portal, request)).As<Dossier>();
        var again = (await _rest.PostAsync("/v1/dossiers", Portal, request)).As<Dossier>();
        Assert.Equal(submitted.ReceiptCode, again.ReceiptCode);
        Assert.Equal("", again.LookupPin);

        var code = submitted.ReceiptCode;
        var accept = $$"""{"requestId": "{{code}}-accept", "note": "Hồ sơ đủ"}""";
        var first = await _rest.PostAsync($"/v1/dossiers/{code}:accept", DeskToken, accept);
        var second = await _rest.PostAsync($"/v1/dossiers/{code}:accept", DeskToken, accept);
        Assert.Equal((HttpStatusCode.OK, first.Body), (second.Status, second.Body));
        // Over gRPC the same key is the same request too.
        var third = await Host.Dossiers.AcceptDossierAsync(new AcceptDossierRequest { ReceiptCode = code, RequestId = code + "-accept", Note = "Hồ sơ đủ" }, Bearer(DeskToken));
        Assert.Equal(first.As<Dossier>(), third);
        Assert.Single(third.History, h => h.Action == DossierAction.Accept);

        var reused = await _rest.PostAsync($"/v1/dossiers/{code}:accept", DeskToken, $$"""{"requestId": "{{code}}-accept", "note": "khác"}""");
        Assert.Equal((HttpStatusCode.Conflict, "request_id"), (reused.Status, reused.Field));
    }

    [Fact]
    public async Task REST_calls_are_audited_like_gRPC_calls_under_the_gRPC_method_name()
    {
        var (code, _) = await SubmitAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await _rest.PostAsync($"/v1/dossiers/{code}:accept", OtherDesk, $$"""{"requestId": "{{code}}-x"}""")).Status);
        Assert.Equal(HttpStatusCode.OK, (await _rest.PostAsync($"/v1/dossiers/{code}:accept", DeskToken, $$"""{"requestId": "{{code}}-accept"}""")).Status);

        var entries = await AuditScenarios.ReadAuditAsync(Host.Channel, code, 100,
            all => all.Count(e => e.Method == "/dvc.v1.DossierService/AcceptDossier") == 2);
        var accepts = entries.Where(e => e.Method == "/dvc.v1.DossierService/AcceptDossier").ToList();
        Assert.Contains(accepts, e => (e.Subject, e.Unit, e.Outcome) == ("mc-01", Centre, "OK"));
        Assert.Contains(accepts, e => (e.Subject, e.Unit, e.Outcome) == ("mc-hl-01", HaLong, "PERMISSION_DENIED") && e.Reason.Length > 0);
        Assert.Contains(entries, e => (e.Method, e.Role) == ("/dvc.v1.DossierService/SubmitDossier", Roles.Portal));
    }

    [Fact]
    public async Task A_watch_over_REST_streams_the_changes_gRPC_streams_as_one_JSON_object_a_line()
    {
        var (code, _) = await SubmitAsync();
        await Host.Dossiers.AcceptDossierAsync(new AcceptDossierRequest { ReceiptCode = code }, Bearer(DeskToken));

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var request = RestCaller.Request(HttpMethod.Get, $"/v1/dossiers/{code}:watch?afterVersion=0", Portal, null);
        using var response = await _rest.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        var rest = new List<DossierChange>();
        while (rest.Count < 2 && await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.Length > 0)
            {
                rest.Add(RestCaller.Parse<DossierChange>(line));
            }
        }

        using var call = Host.Dossiers.WatchDossier(new WatchDossierRequest { ReceiptCode = code }, Bearer(Portal), cancellationToken: timeout.Token);
        var grpc = new List<DossierChange>();
        while (grpc.Count < 2 && await call.ResponseStream.MoveNext(timeout.Token))
        {
            grpc.Add(call.ResponseStream.Current);
        }

        Assert.Equal([1L, 2L], rest.Select(c => c.Entry.Version));
        Assert.Equal(grpc, rest);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_a_route_for_every_public_RPC_with_its_access_rule_and_its_page_loads_nothing_from_elsewhere()
    {
        var reply = await _rest.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, reply.Status);
        var paths = reply.Json["paths"]!.AsObject();
        var operations = paths.SelectMany(p => p.Value!.AsObject().Select(o => (Path: p.Key, Verb: o.Key, Operation: o.Value!))).ToList();
        var described = operations.Select(o => (string?)o.Operation["x-grpc-method"]).ToHashSet();
        // JSON transcoding cannot carry a client stream: an upload and an import are gRPC only.
        string[] grpcOnly = ["/dvc.v1.DocumentService/UploadDocument", "/dvc.v1.ImportService/ImportDossiers"];
        var publicRpcs = ApiAccess.Rules.Keys.Where(m => m.StartsWith("/dvc.v1.", StringComparison.Ordinal) && !grpcOnly.Contains(m)).ToList();
        Assert.Equal([], publicRpcs.Where(m => !described.Contains(m)).ToList());

        var accept = paths["/v1/dossiers/{receiptCode}:accept"]!["post"]!;
        Assert.Contains("desk_officer", (string?)accept["description"], StringComparison.Ordinal);
        Assert.Equal("""[{"bearer":[]}]""", accept["security"]!.ToJsonString());
        Assert.Equal("""[{"bearer":[]},{}]""", paths["/v1/dossiers/{receiptCode}"]!["get"]!["security"]!.ToJsonString());
        Assert.NotNull(paths["/v1/payment-requests/{receiptCode}/{paymentNumber}/transactions"]);
        // The descriptions are the .proto comments: what a partner relies on.
        Assert.Equal("1 -> 2: the desk accepts an online dossier; the deadline clock starts.", (string?)accept["summary"]);
        var dossiers = reply.Json["tags"]!.AsArray().Single(t => (string?)t!["name"] == "DossierService")!;
        Assert.StartsWith("The lifecycle of administrative dossiers", (string?)dossiers["description"], StringComparison.Ordinal);

        // Built once: a second request is answered from the output cache (which says how old its copy is), not built again.
        using (var again = await _rest.Http.GetAsync("/openapi/v1.json"))
        {
            Assert.NotNull(again.Headers.Age);
            Assert.Equal(reply.Body, await again.Content.ReadAsStringAsync());
        }

        var page = await _rest.GetAsync("/openapi/index.html");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.DoesNotMatch("(src|href)=\"(https?:)?//", page.Body);
        Assert.Equal(HttpStatusCode.OK, (await _rest.GetAsync("/openapi/swagger-ui-bundle.js")).Status);
    }

    [Fact]
    public async Task An_administrator_manages_a_webhook_subscription_over_REST_with_DELETE_for_its_removal()
    {
        var admin = TestTokens.For(Roles.Administrator, "admin");
        var created = (await _rest.PostAsync("/v1/subscriptions", admin,
            """{"name": "rest-test", "endpoint": "http://127.0.0.1:9/hook", "filter": {"deskCodes": ["H49.50"]}}""")).As<CreateSubscriptionReply>();
        var id = created.Subscription.Id;
        Assert.NotEmpty(created.Secret);

        Assert.True((await _rest.PostAsync($"/v1/subscriptions/{id}:pause", admin, "{}")).As<Subscription>().Paused);
        var read = (await _rest.GetAsync($"/v1/subscriptions/{id}", admin)).As<Subscription>();
        Assert.Equal(("rest-test", true, "H49.50"), (read.Name, read.Paused, read.Filter.DeskCodes.Single()));
        Assert.Equal(HttpStatusCode.Forbidden, (await _rest.GetAsync($"/v1/subscriptions/{id}", DeskToken)).Status);

        Assert.Equal(HttpStatusCode.OK, (await _rest.SendAsync(HttpMethod.Delete, $"/v1/subscriptions/{id}", admin, null)).Status);
        var again = await _rest.SendAsync(HttpMethod.Delete, $"/v1/subscriptions/{id}", admin, null);
        Assert.Equal((HttpStatusCode.NotFound, (int)StatusCode.NotFound), (again.Status, again.Error.Code));
    }

    public void Dispose() => _rest.Dispose();
}
