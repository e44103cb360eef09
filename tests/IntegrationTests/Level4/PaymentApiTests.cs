using System.Diagnostics;
using DossierTracking.GrpcApi.V1;
using DossierTracking.IntegrationTests.Infrastructure;
using Grpc.Core;
using Microsoft.Extensions.Time.Testing;
using static DossierTracking.IntegrationTests.Infrastructure.Requests;

namespace DossierTracking.IntegrationTests.Level4;

/// <summary>Level 4 fees over gRPC: a payment request, an intermediary's reports (duplicated, reordered, wrong), the e-receipt.</summary>
public sealed class PaymentApiTests
{
    private readonly FakeTimeProvider _clock = new(Local(2026, 3, 2, 9, 0));

    internal static async Task<string> AwaitingPayment(TestHost host, long amount = 150_000)
    {
        var api = host.Dossiers;
        var code = (await api.SubmitDossierAsync(Submit())).ReceiptCode;
        await api.AcceptDossierAsync(new AcceptDossierRequest { ReceiptCode = code, Actor = Desk() });
        await api.ForwardDossierAsync(new ForwardDossierRequest { ReceiptCode = code, Actor = Desk() });
        var waiting = await api.RequestPaymentAsync(new RequestPaymentRequest
        {
            ReceiptCode = code, Actor = Officer(), Fees = { new FeeLine { Name = "Lệ phí cấp giấy phép", Amount = amount } },
        });
        Assert.Equal(DossierState.AwaitingPayment, waiting.State);
        return code;
    }

    internal static ReportTransactionRequest Report(string code, string transaction, TransactionStatus status, long amount = 150_000, DateTimeOffset? at = null) => new()
    {
        PaymentRequestId = code + "/1",
        TransactionId = transaction,
        Amount = amount,
        Status = status,
        OccurredAt = At(at ?? Local(2026, 3, 2, 10, 0)),
        Intermediary = "vnpay",
    };

    [Fact]
    public async Task A_payment_reported_twice_and_out_of_order_pays_once_issues_one_receipt_and_resumes_processing()
    {
        await using var host = await TestHost.StartAsync(clock: _clock);
        var payments = new PaymentService.PaymentServiceClient(host.Invoker);
        var code = await AwaitingPayment(host);

        var request = await payments.GetPaymentRequestAsync(new GetPaymentRequestRequest { PaymentRequestId = code + "/1" });
        Assert.Equal((150_000L, PaymentStatus.Unpaid), (request.Total, request.Status));

        // The success overtakes the initiation; then both come again.
        var paid = await payments.ReportTransactionAsync(Report(code, "VNP-1", TransactionStatus.Succeeded, at: Local(2026, 3, 2, 10, 5)));
        Assert.Equal(ReportOutcome.Applied, paid.Outcome);
        Assert.Equal((PaymentStatus.Paid, DossierState.InProcessing), (paid.PaymentRequest.Status, paid.DossierState));
        var receipt = paid.PaymentRequest.Receipt;
        Assert.Equal(("BL26E", 1L, "BL26E-0000001", 150_000L, Construction), (receipt.Series, receipt.Number, receipt.Display, receipt.Amount, receipt.CollectingAgencyCode));

        Assert.Equal(ReportOutcome.Stale, (await payments.ReportTransactionAsync(Report(code, "VNP-1", TransactionStatus.Initiated))).Outcome);
        var again = await payments.ReportTransactionAsync(Report(code, "VNP-1", TransactionStatus.Succeeded, at: Local(2026, 3, 2, 10, 5)));
        Assert.Equal(ReportOutcome.Duplicate, again.Outcome);
        Assert.Equal(receipt, again.PaymentRequest.Receipt);
        Assert.Equal(paid.DossierVersion, again.DossierVersion);

        var dossier = await host.Dossiers.GetDossierAsync(new GetDossierRequest { ReceiptCode = code });
        Assert.Equal(DossierState.InProcessing, dossier.State);
        Assert.Equal(receipt, Assert.Single(dossier.Payments).Receipt);
        Assert.Single(dossier.History, h => h.Action == DossierAction.ConfirmPayment);
    }

    [Fact]
    public async Task Receipt_numbers_run_per_collecting_agency_and_never_repeat_after_a_restart()
    {
        var data = TestHost.NewDataDirectory();
        var numbers = new List<long>();
        await using (var host = await TestHost.StartAsync(data, _clock))
        {
            var payments = new PaymentService.PaymentServiceClient(host.Invoker);
            for (var i = 0; i < 3; i++)
            {
                var code = await AwaitingPayment(host);
                numbers.Add((await payments.ReportTransactionAsync(Report(code, $"T-{i}", TransactionStatus.Succeeded))).PaymentRequest.Receipt.Number);
            }
        }

        await using (var host = await TestHost.StartAsync(data, _clock))
        {
            var payments = new PaymentService.PaymentServiceClient(host.Invoker);
            var code = await AwaitingPayment(host);
            numbers.Add((await payments.ReportTransactionAsync(Report(code, "T-after", TransactionStatus.Succeeded))).PaymentRequest.Receipt.Number);
        }

        Assert.Equal([1, 2, 3], numbers.Take(3));
        Assert.True(numbers[3] > 3, $"after the restart the series went on from {numbers[3]}");
    }

    [Fact]
    public async Task Wrong_amounts_unknown_requests_and_malformed_reports_are_refused_and_change_nothing()
    {
        await using var host = await TestHost.StartAsync(clock: _clock);
        var payments = new PaymentService.PaymentServiceClient(host.Invoker);
        var code = await AwaitingPayment(host);
        var before = await host.Dossiers.GetDossierAsync(new GetDossierRequest { ReceiptCode = code });

        async Task<RpcException> Refused(ReportTransactionRequest request) =>
            await Assert.ThrowsAsync<RpcException>(() => payments.ReportTransactionAsync(request).ResponseAsync);

        var wrong = await Refused(Report(code, "T1", TransactionStatus.Succeeded, amount: 100_000));
        Assert.Equal(StatusCode.InvalidArgument, wrong.StatusCode);
        Assert.Contains("amount", wrong.Status.Detail);
        Assert.Equal(StatusCode.InvalidArgument, (await Refused(Report(code, "T1", TransactionStatus.Succeeded, amount: 0))).StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, (await Refused(Report(code, "T1", TransactionStatus.Unspecified))).StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, (await Refused(Report(code, "", TransactionStatus.Succeeded))).StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, (await Refused(new ReportTransactionRequest(Report(code, "T1", TransactionStatus.Succeeded)) { PaymentRequestId = "not-an-id" })).StatusCode);

        var unknownRequest = new ReportTransactionRequest(Report(code, "T1", TransactionStatus.Succeeded)) { PaymentRequestId = code + "/2" };
        // Unknown requests are refused as a request bound to another intermediary would be (ObjectAccessTests).
        Assert.Equal(StatusCode.PermissionDenied, (await Refused(unknownRequest)).StatusCode);
        var unknownDossier = new ReportTransactionRequest(Report(code, "T1", TransactionStatus.Succeeded)) { PaymentRequestId = "H49.50-260302-9999/1" };
        Assert.Equal(StatusCode.PermissionDenied, (await Refused(unknownDossier)).StatusCode);
        Assert.Equal(StatusCode.FailedPrecondition, (await Refused(Report(code, "R1", TransactionStatus.Refunded))).StatusCode);

        var after = await host.Dossiers.GetDossierAsync(new GetDossierRequest { ReceiptCode = code });
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(PaymentStatus.Unpaid, after.Payments[0].Status);
    }

    [Fact]
    public async Task The_month_report_gives_the_online_payment_rate()
    {
        await using var host = await TestHost.StartAsync(clock: _clock);
        var payments = new PaymentService.PaymentServiceClient(host.Invoker);
        var paid = await AwaitingPayment(host);
        await AwaitingPayment(host);
        await host.Dossiers.SubmitDossierAsync(Submit()); // no fee asked for
        await payments.ReportTransactionAsync(Report(paid, "T1", TransactionStatus.Succeeded));

        var reports = new ReportService.ReportServiceClient(host.Invoker);
        Report? report = null;
        // The read model follows within about a second; the bound only catches one that never does.
        var waiting = Stopwatch.StartNew();
        while (report?.PaidOnline != 1 && waiting.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(100);
            report = await reports.GetReportAsync(new GetReportRequest { AgencyCode = Construction, Period = PeriodKind.Month, Date = "2026-03-02" });
        }

        Assert.Equal((2, 1, 0.5), (report!.FeesRequested, report.PaidOnline, report.OnlinePaymentRate));
    }

    [Fact]
    public async Task Withdrawal_cancels_the_unpaid_request_and_a_refund_is_recorded()
    {
        await using var host = await TestHost.StartAsync(clock: _clock);
        var payments = new PaymentService.PaymentServiceClient(host.Invoker);
        var withdrawnCode = await AwaitingPayment(host);
        var withdrawn = await host.Dossiers.WithdrawDossierAsync(new WithdrawDossierRequest { ReceiptCode = withdrawnCode, Actor = Portal, Reason = "Không còn nhu cầu" });
        Assert.Equal((DossierState.Withdrawn, PaymentStatus.Cancelled), (withdrawn.State, withdrawn.Payments[0].Status));

        var paidCode = await AwaitingPayment(host);
        await payments.ReportTransactionAsync(Report(paidCode, "T1", TransactionStatus.Succeeded));
        var refunded = await payments.ReportTransactionAsync(Report(paidCode, "R1", TransactionStatus.Refunded, at: Local(2026, 3, 3, 9, 0)));
        Assert.Equal((ReportOutcome.Applied, PaymentStatus.Refunded), (refunded.Outcome, refunded.PaymentRequest.Status));
        Assert.Equal(["T1", "R1"], refunded.PaymentRequest.Transactions.Select(t => t.TransactionId));
    }
}
