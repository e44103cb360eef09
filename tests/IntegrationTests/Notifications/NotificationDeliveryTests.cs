using DossierTracking.GrpcApi.Security;
using DossierTracking.GrpcApi.V1;
using DossierTracking.IntegrationTests.Infrastructure;
using DossierTracking.IntegrationTests.Level4;
using Google.Rpc;
using Grpc.Core;
using Microsoft.Extensions.Time.Testing;
using static DossierTracking.IntegrationTests.Infrastructure.Requests;

namespace DossierTracking.IntegrationTests.Notifications;

/// <summary>
/// Notifications to applicants through a real host and a gateway on loopback: one Vietnamese message per step, made
/// from the shipped templates with the dossier's values; a failing gateway gets each message once it recovers (same
/// id); a restart sends nothing again; officers of the holding unit see the delivery states, other units get
/// NOT_FOUND as for an unknown dossier.
/// </summary>
public sealed class NotificationDeliveryTests
{
    private readonly FakeTimeProvider _clock = new(Local(2026, 3, 2, 9, 0));

    private static Metadata As(string role, string subject, string agency) => TestTokens.Bearer(TestTokens.For(role, subject, agency));

    /// <summary>
    /// Receipt, supplement, fees, apology, result, return: waits for each message before the next step, as a gateway
    /// would have sent it by then (the supplement's papers are read from the dossier while it is still awaited).
    /// </summary>
    private static async Task<string> WholeLifeAsync(TestHost host, NotificationGateway gateway)
    {
        var api = host.Dossiers;
        var code = (await api.SubmitDossierAsync(Submit())).ReceiptCode;
        await gateway.WaitForAsync(code, 1);
        await api.AcceptDossierAsync(new AcceptDossierRequest { ReceiptCode = code, Actor = Desk() });
        await api.ForwardDossierAsync(new ForwardDossierRequest { ReceiptCode = code, Actor = Desk() });
        await api.RequestSupplementAsync(new RequestSupplementRequest
        {
            ReceiptCode = code,
            Actor = Officer(),
            MissingItems = { "Bản vẽ thiết kế điều chỉnh", "Giấy chứng nhận quyền sử dụng đất" },
            Reason = "Thiếu bản vẽ",
            Deadline = At(Local(2026, 3, 12, 17, 0)),
        });
        await gateway.WaitForAsync(code, 2);
        await api.ReceiveSupplementAsync(new ReceiveSupplementRequest { ReceiptCode = code, Actor = Desk() });
        await api.RequestPaymentAsync(new RequestPaymentRequest { ReceiptCode = code, Actor = Officer(), Fees = { new FeeLine { Name = "Lệ phí cấp giấy phép", Amount = 1_500_000 } } });
        await gateway.WaitForAsync(code, 3);
        await new PaymentService.PaymentServiceClient(host.Invoker).ReportTransactionAsync(PaymentApiTests.Report(code, "VNP-1", TransactionStatus.Succeeded, amount: 1_500_000));
        await api.IssueApologyAsync(new IssueApologyRequest { ReceiptCode = code, Actor = Officer(), Reason = "Chờ ý kiến phối hợp", PromisedAt = At(Local(2026, 4, 24, 17, 0)) });
        await gateway.WaitForAsync(code, 4);
        await api.RecordResultAsync(new RecordResultRequest { ReceiptCode = code, Actor = Officer(), Result = ResultKind.Approved, DocumentRef = "GPXD-2026-12" });
        await gateway.WaitForAsync(code, 5);
        await api.ReturnResultAsync(new ReturnResultRequest { ReceiptCode = code, Actor = Desk(), Method = ReturnMethod.InPerson });
        await gateway.WaitForAsync(code, 6);
        return code;
    }

    [Fact]
    public async Task Each_step_sends_one_vietnamese_message_from_its_template_with_the_dossiers_values()
    {
        await using var gateway = await NotificationGateway.StartAsync();
        await using var host = await TestHost.StartAsync(clock: _clock, settings: gateway.Settings());
        var code = await WholeLifeAsync(host, gateway);
        await Task.Delay(1000); // a second message would come within a few polls

        var messages = gateway.Accepted.Where(m => m.ReceiptCode == code).ToList();
        Assert.Equal(["Receipt", "SupplementRequested", "FeesDue", "Apology", "ResultReady", "ResultReturned"], messages.Select(m => m.Kind));
        Assert.Equal(messages.Count, messages.Select(m => m.MessageId).Distinct().Count());
        Assert.All(messages, m => Assert.Equal((NotificationGateway.ApiKey, "sms", "0912 345 678", m.MessageId), (m.ApiKey, m.Channel, m.Recipient, m.IdempotencyKey)));
        var text = messages.ToDictionary(m => m.Kind, m => m.Text);
        Assert.StartsWith($"Hồ sơ {code} của Ông/Bà Nguyễn Văn An đã được tiếp nhận.", text["Receipt"]);
        Assert.Contains("cần bổ sung: Bản vẽ thiết kế điều chỉnh; Giấy chứng nhận quyền sử dụng đất.", text["SupplementRequested"]);
        Assert.Contains("trước 17:00 12/03/2026", text["SupplementRequested"]);
        Assert.Contains("vui lòng nộp phí, lệ phí 1.500.000 đồng", text["FeesDue"]);
        Assert.Contains($"mã thanh toán {code}/1", text["FeesDue"]);
        Assert.Contains("hẹn trả kết quả vào ngày 24/04/2026", text["Apology"]);
        Assert.Contains("đã có kết quả", text["ResultReady"]);
        Assert.Contains("đã được trả kết quả lúc 09:00 02/03/2026", text["ResultReturned"]);
    }

    [Fact]
    public async Task A_gateway_that_fails_then_recovers_gets_each_message_once_with_the_same_id_and_officers_see_the_attempts()
    {
        await using var gateway = await NotificationGateway.StartAsync();
        // Each message's first two attempts fail.
        var seen = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        gateway.Answer = m => seen.AddOrUpdate(m.MessageId, 1, (_, n) => n + 1) <= 2 ? 500 : 200;
        await using var host = await TestHost.StartAsync(clock: _clock, settings: gateway.Settings());
        var code = await WholeLifeAsync(host, gateway);
        await Task.Delay(1000);

        var all = gateway.All.Where(m => m.ReceiptCode == code).ToList();
        var accepted = gateway.Accepted.Where(m => m.ReceiptCode == code).ToList();
        Assert.Equal(6, accepted.Count);
        Assert.Equal(6, accepted.Select(m => m.MessageId).Distinct().Count());
        Assert.Equal(18, all.Count);
        Assert.All(all.GroupBy(m => m.MessageId), g => Assert.Single(g.Select(m => m.Text).Distinct()));

        // The holding unit's officer sees each message SENT after 3 attempts, the recipient masked.
        var notifications = new NotificationService.NotificationServiceClient(host.Channel);
        var list = await notifications.ListDossierNotificationsAsync(new ListDossierNotificationsRequest { ReceiptCode = code }, As(Roles.DeskOfficer, "mc-01", Centre));
        Assert.Equal(6, list.Notifications.Count);
        Assert.All(list.Notifications, n =>
        {
            Assert.Equal((NotificationState.Sent, 3, NotifyChannel.Sms, "*******678", ""), (n.State, n.Attempts, n.Channel, n.MaskedRecipient, n.LastError));
            Assert.NotNull(n.SentAt);
        });
        Assert.Equal(accepted.Select(m => m.MessageId).Order(), list.Notifications.Select(n => n.Id).Order());
        Assert.Contains(list.Notifications, n => n.Kind == NotificationKind.FeesDue);
    }

    [Fact]
    public async Task A_gateway_that_keeps_failing_leaves_the_message_failed_after_the_stated_attempts()
    {
        await using var gateway = await NotificationGateway.StartAsync();
        gateway.Answer = _ => 503;
        await using var host = await TestHost.StartAsync(clock: _clock, settings: gateway.Settings(maxAttempts: 3));
        var code = (await host.Dossiers.SubmitDossierAsync(Submit())).ReceiptCode;
        var notifications = new NotificationService.NotificationServiceClient(host.Channel);
        var officer = As(Roles.DeskOfficer, "mc-01", Centre);
        var until = DateTime.UtcNow.AddSeconds(30);
        DossierNotification? receipt = null;
        while (DateTime.UtcNow < until && receipt?.State != NotificationState.Failed)
        {
            receipt = (await notifications.ListDossierNotificationsAsync(new ListDossierNotificationsRequest { ReceiptCode = code }, officer)).Notifications.SingleOrDefault();
            await Task.Delay(100);
        }

        Assert.NotNull(receipt);
        Assert.Equal((NotificationState.Failed, 3, "the gateway answered 503"), (receipt.State, receipt.Attempts, receipt.LastError));
        await Task.Delay(1000);
        Assert.Equal(3, gateway.All.Count(m => m.ReceiptCode == code));
    }

    [Fact]
    public async Task A_restarted_host_sends_nothing_again_and_goes_on_with_new_steps()
    {
        await using var gateway = await NotificationGateway.StartAsync();
        var data = TestHost.NewDataDirectory();
        string code;
        await using (var host = await TestHost.StartAsync(dataDirectory: data, clock: _clock, settings: gateway.Settings()))
        {
            code = (await host.Dossiers.SubmitDossierAsync(Submit())).ReceiptCode;
            await gateway.WaitForAsync(code, 1);
            await host.Dossiers.AcceptDossierAsync(new AcceptDossierRequest { ReceiptCode = code, Actor = Desk() });
            await host.Dossiers.ForwardDossierAsync(new ForwardDossierRequest { ReceiptCode = code, Actor = Desk() });
            await host.Dossiers.RecordResultAsync(new RecordResultRequest { ReceiptCode = code, Actor = Officer(), Result = ResultKind.Approved, DocumentRef = "GP-1" });
            await gateway.WaitForAsync(code, 2);
        }

        await using (var host = await TestHost.StartAsync(dataDirectory: data, clock: _clock, settings: gateway.Settings()))
        {
            await host.Dossiers.ReturnResultAsync(new ReturnResultRequest { ReceiptCode = code, Actor = Desk(), Method = ReturnMethod.InPerson });
            await gateway.WaitForAsync(code, 3);
            await Task.Delay(1500);
        }

        Assert.Equal(["Receipt", "ResultReady", "ResultReturned"], gateway.All.Where(m => m.ReceiptCode == code).Select(m => m.Kind));
    }

    [Fact]
    public async Task Another_units_officer_and_an_unknown_dossier_get_the_same_not_found()
    {
        await using var host = await TestHost.StartAsync(clock: _clock);
        var code = (await host.Dossiers.SubmitDossierAsync(Submit())).ReceiptCode;
        var notifications = new NotificationService.NotificationServiceClient(host.Channel);

        var own = await notifications.ListDossierNotificationsAsync(new ListDossierNotificationsRequest { ReceiptCode = code }, As(Roles.DeskOfficer, "mc-01", Centre));
        Assert.NotNull(own);
        var foreign = await Assert.ThrowsAsync<RpcException>(() =>
            notifications.ListDossierNotificationsAsync(new ListDossierNotificationsRequest { ReceiptCode = code }, As(Roles.AgencyOfficer, "cv-tnmt-01", EnvironmentDept)).ResponseAsync);
        var unknown = await Assert.ThrowsAsync<RpcException>(() =>
            notifications.ListDossierNotificationsAsync(new ListDossierNotificationsRequest { ReceiptCode = "H49.50-260302-9999" }, As(Roles.AgencyOfficer, "cv-tnmt-01", EnvironmentDept)).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, foreign.StatusCode);
        Assert.Equal((unknown.StatusCode, unknown.Status.Detail.Replace("H49.50-260302-9999", code)), (foreign.StatusCode, foreign.Status.Detail));
        Assert.Equal(("DOSSIER_NOT_FOUND", "receipt_code"),
            (foreign.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason, foreign.GetRpcStatus()!.GetDetail<BadRequest>()?.FieldViolations.FirstOrDefault()?.Field ?? "receipt_code"));
        Assert.Equal(unknown.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason, foreign.GetRpcStatus()!.GetDetail<ErrorInfo>().Reason);
    }

    [Fact]
    public async Task Choosing_sms_without_a_phone_is_invalid_argument_naming_notify_by()
    {
        await using var host = await TestHost.StartAsync(clock: _clock);
        var request = Submit();
        request.Applicant.Phone = "";
        request.NotifyBy = NotifyBy.Sms;
        var error = await Assert.ThrowsAsync<RpcException>(() => host.Dossiers.SubmitDossierAsync(request).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("notify_by", error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations[0].Field);

        request.NotifyBy = NotifyBy.Email;
        var byEmail = await host.Dossiers.SubmitDossierAsync(request);
        Assert.Equal(DossierState.Submitted, byEmail.State);
    }
}
