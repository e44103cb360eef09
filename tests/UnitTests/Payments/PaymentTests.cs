using DossierTracking.Contracts.Dossiers;
using DossierTracking.Contracts.Payments;
using DossierTracking.Domain.Dossiers;
using static DossierTracking.Contracts.Dossiers.DossierState;
using static DossierTracking.UnitTests.Dossiers.Lifecycle;
using static DossierTracking.UnitTests.TestData;

namespace DossierTracking.UnitTests.Payments;

/// <summary>docs/domain.md "Payment": the request lifecycle, idempotent and order-tolerant transaction reports, e-receipts.</summary>
public sealed class PaymentTests
{
    private static readonly DateTimeOffset Requested = Start.AddHours(3);
    private static readonly DateTimeOffset Later = Start.AddHours(5);

    private static PaymentReport Report(string transaction, TransactionStatus status, long amount = 75_000, int request = 1, int minute = 0) => new()
    {
        RequestNumber = request,
        TransactionId = transaction,
        Amount = amount,
        Status = status,
        OccurredAt = Requested.AddMinutes(10 + minute),
        Intermediary = "vnpay",
    };

    /// <summary>Applies a report the way the grain does: a success is decided again with the next receipt number.</summary>
    private static (DossierRecord Dossier, PaymentDecision Decision) Apply(DossierRecord dossier, PaymentReport report, long receiptNumber = 1)
    {
        var decision = Decider.ReportPayment(dossier, report, Later);
        if (decision.ReceiptSeries is { } series)
        {
            Assert.Null(decision.Next);
            decision = Decider.ReportPayment(dossier, report, Later, receiptNumber, series.Series);
        }

        Assert.Null(decision.Failure);
        return (decision.Next ?? dossier, decision);
    }

    private static PaymentRequest Request(DossierRecord d) => d.Payments[^1];

    [Fact]
    public void Requesting_payment_opens_an_unpaid_request_for_the_total_and_pauses_the_dossier()
    {
        var waiting = Decider.RequestPayment(InState(InProcessing), As(AgencyOfficer()),
            [new FeeLine { Name = "Lệ phí", Amount = 50_000 }, new FeeLine { Name = "Phí thẩm định", Amount = 25_000 }], Requested).Ok();
        Assert.Equal(AwaitingPayment, waiting.State);
        var request = Assert.Single(waiting.Payments);
        Assert.Equal((1, 75_000L, PaymentStatus.Unpaid, Construction), (request.Number, request.Total, request.Status, request.CollectingAgencyCode));
        Assert.Equal($"{Code}/1", PaymentRequest.IdOf(waiting.ReceiptCode, request.Number));
    }

    [Fact]
    public void Initiated_then_succeeded_pays_issues_a_receipt_and_resumes_processing()
    {
        var waiting = InState(AwaitingPayment);
        var (pending, first) = Apply(waiting, Report("T1", TransactionStatus.Initiated));
        Assert.Equal(PaymentOutcome.Applied, first.Outcome);
        Assert.Equal(PaymentStatus.Pending, Request(pending).Status);
        Assert.Equal(AwaitingPayment, pending.State);
        Assert.Equal(DossierAction.PaymentReported, pending.History[^1].Action);

        var (paid, second) = Apply(pending, Report("T1", TransactionStatus.Succeeded, minute: 1), receiptNumber: 42);
        Assert.Equal(PaymentOutcome.Applied, second.Outcome);
        Assert.Equal(InProcessing, paid.State);
        Assert.Equal(DossierAction.ConfirmPayment, paid.History[^1].Action);
        Assert.Equal(Party.PaymentIntermediary, paid.History[^1].Actor.Party);
        var receipt = Request(paid).Receipt!;
        Assert.Equal(PaymentStatus.Paid, Request(paid).Status);
        Assert.Equal(("BL20E", 42L, "BL20E-0000042", 75_000L, "Nguyễn Văn An", Construction, "T1"),
            (receipt.Series, receipt.Number, receipt.Display, receipt.Amount, receipt.Payer, receipt.CollectingAgencyCode, receipt.TransactionId));
        // The time spent waiting for the citizen was added back to the due date.
        Assert.NotNull(paid.Pauses[^1].EndedAt);
        Assert.True(paid.DueAt > waiting.DueAt);
    }

    [Fact]
    public void A_success_that_arrives_before_its_initiation_pays_and_the_late_initiation_changes_nothing()
    {
        var (paid, _) = Apply(InState(AwaitingPayment), Report("T1", TransactionStatus.Succeeded));
        Assert.Equal(PaymentStatus.Paid, Request(paid).Status);

        var late = Decider.ReportPayment(paid, Report("T1", TransactionStatus.Initiated, minute: -5), Later);
        Assert.Equal(PaymentOutcome.Stale, late.Outcome);
        Assert.Null(late.Next);
        Assert.Null(late.ReceiptSeries);
    }

    [Fact]
    public void A_repeated_report_is_a_duplicate_and_asks_for_no_second_receipt()
    {
        var (paid, _) = Apply(InState(AwaitingPayment), Report("T1", TransactionStatus.Succeeded));
        var again = Decider.ReportPayment(paid, Report("T1", TransactionStatus.Succeeded), Later);
        Assert.Equal(PaymentOutcome.Duplicate, again.Outcome);
        Assert.Null(again.Next);
        Assert.Null(again.ReceiptSeries);
    }

    [Fact]
    public void A_failed_attempt_makes_the_request_unpaid_again_and_a_later_attempt_can_pay()
    {
        var (pending, _) = Apply(InState(AwaitingPayment), Report("T1", TransactionStatus.Initiated));
        var (failed, decision) = Apply(pending, Report("T1", TransactionStatus.Failed, minute: 1));
        Assert.Equal(PaymentOutcome.Applied, decision.Outcome);
        Assert.Equal(PaymentStatus.Unpaid, Request(failed).Status);
        Assert.Equal(AwaitingPayment, failed.State);

        // The failed transaction cannot succeed afterwards; a new one can.
        Assert.Equal(PaymentOutcome.Stale, Decider.ReportPayment(failed, Report("T1", TransactionStatus.Succeeded, minute: 2), Later).Outcome);
        var (paid, _) = Apply(failed, Report("T2", TransactionStatus.Succeeded, minute: 3));
        Assert.Equal(PaymentStatus.Paid, Request(paid).Status);
        Assert.Equal(["T1", "T2"], Request(paid).Transactions.Select(t => t.TransactionId));
    }

    [Fact]
    public void A_failure_while_another_attempt_is_under_way_keeps_the_request_pending()
    {
        var (one, _) = Apply(InState(AwaitingPayment), Report("T1", TransactionStatus.Initiated));
        var (two, _) = Apply(one, Report("T2", TransactionStatus.Initiated, minute: 1));
        var (failed, decision) = Apply(two, Report("T1", TransactionStatus.Failed, minute: 2));
        Assert.Equal(PaymentOutcome.Recorded, decision.Outcome);
        Assert.Equal(PaymentStatus.Pending, Request(failed).Status);
    }

    [Fact]
    public void A_wrong_amount_an_unknown_request_or_a_reused_transaction_id_is_refused()
    {
        var waiting = InState(AwaitingPayment);
        var wrong = Decider.ReportPayment(waiting, Report("T1", TransactionStatus.Succeeded, amount: 70_000), Later).Failure!;
        Assert.Equal((FailureKind.InvalidArgument, "amount", "AMOUNT_MISMATCH"), (wrong.Kind, wrong.Field, wrong.Reason));

        // An unknown request (of a known dossier, or of none) is refused like one bound to another intermediary.
        var unknown = Decider.ReportPayment(waiting, Report("T1", TransactionStatus.Succeeded, request: 2), Later).Failure!;
        Assert.Equal((FailureKind.PermissionDenied, "NOT_YOUR_PAYMENT_REQUEST"), (unknown.Kind, unknown.Reason));
        Assert.Equal(unknown, Decider.ReportPayment(null, Report("T1", TransactionStatus.Succeeded), Later).Failure!);

        // A second request of the same dossier cannot reuse the first one's transaction.
        var (paid, _) = Apply(waiting, Report("T1", TransactionStatus.Succeeded));
        var second = Decider.RequestPayment(paid, As(AgencyOfficer()), [Fee], Later.AddHours(1)).Ok();
        var reused = Decider.ReportPayment(second, Report("T1", TransactionStatus.Succeeded, request: 2), Later.AddHours(2)).Failure!;
        Assert.Equal("TRANSACTION_ID_REUSED", reused.Reason);
    }

    [Fact]
    public void A_request_is_bound_to_the_first_intermediary_that_reports_on_it()
    {
        var (pending, _) = Apply(InState(AwaitingPayment), Report("T1", TransactionStatus.Initiated));
        Assert.Equal(Payment.PersonId, Request(pending).Intermediary);

        // Another intermediary can neither finish the first one's transaction nor pay it with one of its own.
        var sameId = Decider.ReportPayment(pending, Report("T1", TransactionStatus.Succeeded) with { Intermediary = "momo" }, Later).Failure!;
        var freshId = Decider.ReportPayment(pending, Report("M1", TransactionStatus.Succeeded) with { Intermediary = "momo" }, Later).Failure!;
        var unknown = Decider.ReportPayment(pending, Report("M1", TransactionStatus.Succeeded, request: 9) with { Intermediary = "momo" }, Later).Failure!;
        Assert.Equal((FailureKind.PermissionDenied, "NOT_YOUR_PAYMENT_REQUEST"), (sameId.Kind, sameId.Reason));
        Assert.Equal(sameId, freshId);
        Assert.Equal(sameId, unknown);
    }

    [Fact]
    public void Once_every_attempt_of_the_bound_intermediary_failed_the_applicant_may_pay_through_another()
    {
        var (pending, _) = Apply(InState(AwaitingPayment), Report("T1", TransactionStatus.Initiated));
        var (failed, _) = Apply(pending, Report("T1", TransactionStatus.Failed, minute: 1));
        Assert.Equal("", Request(failed).Intermediary);

        var (paid, decision) = Apply(failed, Report("M1", TransactionStatus.Succeeded, minute: 2) with { Intermediary = "momo" });
        Assert.Equal(PaymentOutcome.Applied, decision.Outcome);
        Assert.Equal("momo", Request(paid).Intermediary);

        // The first intermediary's old transaction stays its own: nobody else reports on it.
        var stale = Decider.ReportPayment(paid, Report("T1", TransactionStatus.Succeeded, minute: 3), Later).Failure!;
        Assert.Equal("NOT_YOUR_PAYMENT_REQUEST", stale.Reason);
    }

    [Fact]
    public void An_intermediary_named_when_the_fees_were_asked_for_is_the_only_one_ever()
    {
        var chosen = Decider.RequestPayment(InState(InProcessing), As(AgencyOfficer()), [Fee], Requested, intermediary: "momo").Ok();
        Assert.Equal(("momo", true), (Request(chosen).Intermediary, Request(chosen).IntermediaryChosen));
        Assert.Equal("NOT_YOUR_PAYMENT_REQUEST", Decider.ReportPayment(chosen, Report("T1", TransactionStatus.Initiated), Later).Failure!.Reason);

        var (pending, _) = Apply(chosen, Report("M1", TransactionStatus.Initiated) with { Intermediary = "momo" });
        var (failed, _) = Apply(pending, Report("M1", TransactionStatus.Failed, minute: 1) with { Intermediary = "momo" });
        Assert.Equal("momo", Request(failed).Intermediary);
        Assert.Equal("NOT_YOUR_PAYMENT_REQUEST", Decider.ReportPayment(failed, Report("T2", TransactionStatus.Succeeded, minute: 2), Later).Failure!.Reason);
    }

    [Fact]
    public void Money_for_a_request_already_paid_is_recorded_for_refund_and_issues_no_receipt()
    {
        var (paid, _) = Apply(InState(AwaitingPayment), Report("T1", TransactionStatus.Succeeded));
        var (twice, decision) = Apply(paid, Report("T2", TransactionStatus.Succeeded, minute: 1));
        Assert.Equal(PaymentOutcome.Recorded, decision.Outcome);
        Assert.Contains("refunded", decision.Message);
        Assert.Equal("T1", Request(twice).Receipt!.TransactionId);
        Assert.Equal(InProcessing, twice.State);
    }

    [Fact]
    public void Withdrawal_cancels_an_unpaid_request_and_a_payment_arriving_after_it_is_recorded_for_refund()
    {
        var withdrawn = Decider.Withdraw(InState(AwaitingPayment), As(Portal), "Không còn nhu cầu", Requested.AddHours(1)).Ok();
        Assert.Equal(PaymentStatus.Cancelled, Request(withdrawn).Status);

        var (late, decision) = Apply(withdrawn, Report("T1", TransactionStatus.Succeeded));
        Assert.Equal(PaymentOutcome.Recorded, decision.Outcome);
        Assert.Equal(PaymentStatus.Cancelled, Request(late).Status);
        Assert.Null(Request(late).Receipt);
        Assert.Equal(Withdrawn, late.State);

        var (refunded, refund) = Apply(late, Report("R1", TransactionStatus.Refunded, minute: 30));
        Assert.Equal(PaymentOutcome.Recorded, refund.Outcome);
        Assert.Equal(Withdrawn, refunded.State);
    }

    [Fact]
    public void A_refund_is_recorded_once_and_only_for_a_paid_request()
    {
        var waiting = InState(AwaitingPayment);
        var nothing = Decider.ReportPayment(waiting, Report("R1", TransactionStatus.Refunded), Later).Failure!;
        Assert.Equal((FailureKind.FailedPrecondition, "NOTHING_TO_REFUND"), (nothing.Kind, nothing.Reason));

        var (paid, _) = Apply(waiting, Report("T1", TransactionStatus.Succeeded));
        var (refunded, decision) = Apply(paid, Report("R1", TransactionStatus.Refunded, minute: 60));
        Assert.Equal(PaymentOutcome.Applied, decision.Outcome);
        Assert.Equal(PaymentStatus.Refunded, Request(refunded).Status);
        Assert.NotNull(Request(refunded).Receipt);
        Assert.Equal(PaymentOutcome.Duplicate, Decider.ReportPayment(refunded, Report("R1", TransactionStatus.Refunded, minute: 60), Later).Outcome);
    }

    [Fact]
    public void Every_order_of_the_same_reports_ends_paid_by_the_one_success_with_one_receipt()
    {
        PaymentReport[] reports =
        [
            Report("T1", TransactionStatus.Initiated),
            Report("T1", TransactionStatus.Failed, minute: 1),
            Report("T2", TransactionStatus.Initiated, minute: 2),
            Report("T2", TransactionStatus.Succeeded, minute: 3),
            Report("T2", TransactionStatus.Succeeded, minute: 3),
        ];
        foreach (var order in Permutations(Enumerable.Range(0, reports.Length).ToArray()))
        {
            var dossier = InState(AwaitingPayment);
            var receipts = 0L;
            foreach (var i in order)
            {
                var decision = Decider.ReportPayment(dossier, reports[i], Later);
                if (decision.ReceiptSeries is { } series)
                {
                    decision = Decider.ReportPayment(dossier, reports[i], Later, ++receipts, series.Series);
                }

                Assert.Null(decision.Failure);
                dossier = decision.Next ?? dossier;
            }

            Assert.Equal(1, receipts);
            Assert.Equal((PaymentStatus.Paid, "T2", InProcessing), (Request(dossier).Status, Request(dossier).Receipt!.TransactionId, dossier.State));
        }
    }

    [Fact]
    public void The_receipt_series_follows_the_year_in_Viet_Nam()
    {
        Assert.Equal("BL26E", DossierDecider.ReceiptSeriesAt(Local(2026, 12, 31, 23, 59)));
        // 31 December 17:30 UTC is already 1 January in Viet Nam: the numbering restarts.
        Assert.Equal("BL27E", DossierDecider.ReceiptSeriesAt(new DateTimeOffset(2026, 12, 31, 17, 30, 0, TimeSpan.Zero)));
        Assert.Equal("BL27E-9999999", EReceipt.Format("BL27E", EReceipt.MaxNumber));
    }

    [Theory]
    [InlineData("H49.08-261128-0001/1", true, "H49.08-261128-0001", 1)]
    [InlineData("H49.08-261128-0001/12", true, "H49.08-261128-0001", 12)]
    [InlineData("H49.08-261128-0001", false, "", 0)]
    [InlineData("H49.08-261128-0001/0", false, "", 0)]
    [InlineData("H49.08-261128-0001/-1", false, "", 0)]
    [InlineData("/1", false, "", 0)]
    public void Payment_request_ids_name_the_dossier_and_the_request(string id, bool valid, string code, int number)
    {
        Assert.Equal(valid, PaymentRequest.TryParseId(id, out var parsedCode, out var parsedNumber));
        if (valid)
        {
            Assert.Equal((code, number), (parsedCode, parsedNumber));
        }
    }

    private static IEnumerable<int[]> Permutations(int[] items)
    {
        if (items.Length <= 1)
        {
            yield return items;
            yield break;
        }

        for (var i = 0; i < items.Length; i++)
        {
            var rest = items.Where((_, j) => j != i).ToArray();
            foreach (var tail in Permutations(rest))
            {
                yield return [items[i], .. tail];
            }
        }
    }
}
