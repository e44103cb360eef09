using DossierTracking.GrpcApi.Security;
using DossierTracking.GrpcApi.V1;
using DossierTracking.IntegrationTests.Infrastructure;
using Google.Rpc;
using Grpc.Core;
using Microsoft.Extensions.Time.Testing;
using static DossierTracking.IntegrationTests.Agencies.AgencyTestSupport;
using static DossierTracking.IntegrationTests.Infrastructure.Requests;

namespace DossierTracking.IntegrationTests.Retries;

/// <summary>Every change is safe to retry with its request_id: the same id applies once, whoever and however often it is resent.</summary>
public sealed class IdempotentChangeTests
{
    private readonly FakeTimeProvider _clock = new(Local(2020, 10, 19, 8, 0));

    private static Metadata As(string role, string subject, string agency = "") => TestTokens.Bearer(TestTokens.For(role, subject, agency));

    private static async Task<string> Processing(TestHost host)
    {
        var code = (await host.Dossiers.ReceiveDossierAsync(Counter())).ReceiptCode;
        await host.Dossiers.ForwardDossierAsync(new ForwardDossierRequest { ReceiptCode = code, Actor = Desk() });
        return code;
    }

    [Fact]
    public async Task A_change_sent_again_with_its_request_id_is_applied_once_and_answered_as_the_first_time()
    {
        await using var host = await TestHost.StartAsync(clock: _clock);
        var code = await Processing(host);
        var officer = As(Roles.AgencyOfficer, "cv-07", Construction);
        var dossiers = new DossierService.DossierServiceClient(host.Channel);
        var step = new RecordStepRequest { ReceiptCode = code, Step = "Thẩm định hồ sơ", RequestId = "step-0001" };

        var first = await dossiers.RecordStepAsync(step, officer);
        var again = await dossiers.RecordStepAsync(step, officer);
        Assert.Equal(first, again);

        // Ten at once (a client retrying on a timeout while the first is still running): still one step.
        var concurrent = new RecordStepRequest { ReceiptCode = code, Step = "Trình lãnh đạo", RequestId = "step-0002" };
        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => dossiers.RecordStepAsync(concurrent, officer).ResponseAsync));
        Assert.All(answers, a => Assert.Equal(answers[0].Version, a.Version));
        var stored = await host.Dossiers.GetDossierAsync(new GetDossierRequest { ReceiptCode = code });
        Assert.Equal(2, stored.History.Count(h => h.Action == DossierAction.RecordStep));

        // After other changes, a retry still changes nothing: the dossier holds the step at the version it first got.
        await dossiers.IssueApologyAsync(new IssueApologyRequest { ReceiptCode = code, PromisedAt = At(Local(2021, 1, 29, 17, 0)), Reason = "Chờ ý kiến" }, officer);
        var late = await dossiers.RecordStepAsync(step, officer);
        Assert.Equal(stored.Version + 1, late.Version);
        Assert.Equal((DossierAction.RecordStep, "Thẩm định hồ sơ"), (late.History[(int)first.Version - 1].Action, late.History[(int)first.Version - 1].Note));
        Assert.Equal(2, late.History.Count(h => h.Action == DossierAction.RecordStep));
    }

    [Fact]
    public async Task The_same_request_id_with_another_request_is_already_exists_and_another_callers_id_is_another_request()
    {
        await using var host = await TestHost.StartAsync(clock: _clock);
        var code = await Processing(host);
        var officer = As(Roles.AgencyOfficer, "cv-07", Construction);
        var dossiers = new DossierService.DossierServiceClient(host.Channel);
        await dossiers.RecordStepAsync(new RecordStepRequest { ReceiptCode = code, Step = "Thẩm định", RequestId = "k-1" }, officer);

        var reused = await Assert.ThrowsAsync<RpcException>(() => dossiers.RecordStepAsync(
            new RecordStepRequest { ReceiptCode = code, Step = "Trình ký", RequestId = "k-1" }, officer).ResponseAsync);
        Assert.Equal(StatusCode.AlreadyExists, reused.StatusCode);
        Assert.Equal("request_id", reused.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations[0].Field);

        // Another officer's "k-1" is theirs: a new change.
        var colleague = await dossiers.RecordStepAsync(new RecordStepRequest { ReceiptCode = code, Step = "Trình ký", RequestId = "k-1" },
            As(Roles.AgencyOfficer, "cv-08", Construction));
        Assert.Equal(2, colleague.History.Count(h => h.Action == DossierAction.RecordStep));

        // Any change takes a key: a fee request retried is one request for fees.
        var fees = new RequestPaymentRequest { ReceiptCode = code, Fees = { new FeeLine { Name = "Lệ phí", Amount = 50_000 } }, RequestId = "fee-1" };
        await dossiers.RequestPaymentAsync(fees, officer);
        var repeated = await dossiers.RequestPaymentAsync(fees, officer);
        Assert.Single(repeated.Payments);
    }

    [Fact]
    public async Task A_retried_new_pin_request_gives_no_second_pin()
    {
        await using var host = await TestHost.StartAsync(clock: _clock);
        var code = (await host.Dossiers.ReceiveDossierAsync(Counter())).ReceiptCode;
        var desk = As(Roles.DeskOfficer, "mc-01", Centre);
        var dossiers = new DossierService.DossierServiceClient(host.Channel);
        var request = new IssueLookupPinRequest { ReceiptCode = code, RequestId = "pin-1" };
        var first = await dossiers.IssueLookupPinAsync(request, desk);
        var retry = await dossiers.IssueLookupPinAsync(request, desk);
        Assert.Matches("^[0-9]{8}$", first.LookupPin);
        Assert.Equal(("", first.Version), (retry.LookupPin, retry.Version));
        Assert.Equal("022090001234", (await dossiers.GetDossierAsync(new GetDossierRequest { ReceiptCode = code, LookupPin = first.LookupPin })).Applicant.IdNumber);
    }
}
