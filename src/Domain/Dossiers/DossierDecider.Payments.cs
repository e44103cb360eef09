using System.Globalization;
using DossierTracking.Contracts.Dossiers;
using DossierTracking.Contracts.Payments;
using DossierTracking.Domain.Calendar;
using static DossierTracking.Contracts.Dossiers.DossierState;

namespace DossierTracking.Domain.Dossiers;

/// <summary>
/// What a transaction report does: the next record to persist (or none: a duplicate or stale report), the refusal, or
/// (<see cref="ReceiptSeries"/>) a request to decide again with the next e-receipt number of that series.
/// </summary>
public readonly record struct PaymentDecision(
    DossierRecord? Next, Failure? Failure, PaymentOutcome Outcome, string Message, PaymentRequest? Request, (string Agency, string Series)? ReceiptSeries = null)
{
    public static implicit operator PaymentDecision(Failure failure) => new(null, failure, PaymentOutcome.Unspecified, "", null);
}

public sealed partial class DossierDecider
{
    /// <summary>
    /// A payment intermediary's report on one transaction of a payment request (docs/domain.md "Payment"). Idempotent by
    /// transaction id; a report that arrives late never moves a request backwards. A success pays the request: the
    /// caller first gets <see cref="PaymentDecision.ReceiptSeries"/> back, reserves the next number of that series and
    /// decides again with it, so a receipt number exists only for a request that is really being paid.
    /// </summary>
    public PaymentDecision ReportPayment(DossierRecord? dossier, PaymentReport report, DateTimeOffset now, long? receiptNumber = null, string? receiptSeries = null)
    {
        // A request that does not exist and one bound to another intermediary get the same answer.
        var reporter = new Actor { Party = Party.PaymentIntermediary, PersonId = report.Intermediary };
        if (dossier is null || !AccessTable.ReportPayment.Any(p => p.Party == reporter.Party
                && Ownership.InScope(p.Scope, reporter, applicantProven: false, dossier, report.RequestNumber)))
        {
            return Failures.NotYours(Party.PaymentIntermediary, "report on");
        }

        var id = PaymentRequest.IdOf(dossier.ReceiptCode, report.RequestNumber);
        var index = dossier.Payments.FindIndex(p => p.Number == report.RequestNumber);

        if (report.Amount <= 0)
        {
            return Failures.Invalid("amount", "AMOUNT_NOT_POSITIVE", "amount must be a positive number of whole đồng.");
        }

        if (report.Status is not (TransactionStatus.Initiated or TransactionStatus.Succeeded or TransactionStatus.Failed or TransactionStatus.Refunded))
        {
            return Failures.Invalid("status", "STATUS_REQUIRED", "status must be INITIATED, SUCCEEDED, FAILED or REFUNDED.");
        }

        if (dossier.Payments.Any(p => p.Number != report.RequestNumber && p.Transactions.Any(t => t.TransactionId == report.TransactionId)))
        {
            return Failures.Invalid("transaction_id", "TRANSACTION_ID_REUSED", $"transaction_id {report.TransactionId} belongs to another payment request of this dossier.");
        }

        var request = dossier.Payments[index];
        var known = request.Transactions.FirstOrDefault(t => t.TransactionId == report.TransactionId);
        if (known is not null && known.Intermediary != report.Intermediary)
        {
            // An intermediary reports its own transactions only (a binding that lapsed leaves the old ones behind).
            return Failures.NotYours(Party.PaymentIntermediary, "report on");
        }

        if (known is not null && known.Status == report.Status)
        {
            return known.Amount == report.Amount
                ? NoChange(dossier, request, PaymentOutcome.Duplicate, $"Transaction {report.TransactionId} was already recorded as {known.Status}.")
                : Failures.Invalid("amount", "AMOUNT_MISMATCH", $"amount is {Dong(report.Amount)}, but transaction {report.TransactionId} was recorded with {Dong(known.Amount)}.");
        }

        if (known is not null && known.Status != TransactionStatus.Initiated)
        {
            return NoChange(dossier, request, PaymentOutcome.Stale,
                $"Transaction {report.TransactionId} already ended as {known.Status}; a later {report.Status} report for it changes nothing.");
        }

        if (report.Amount != request.Total)
        {
            return Failures.Invalid("amount", "AMOUNT_MISMATCH", $"amount is {Dong(report.Amount)}, but payment request {id} is for {Dong(request.Total)}.");
        }

        if (known is null && request.Transactions.Count >= DossierLimits.MaxTransactionsPerRequest)
        {
            return Failures.LimitReached("TOO_MANY_TRANSACTIONS", $"Payment request {id} already has {DossierLimits.MaxTransactionsPerRequest} transactions.");
        }

        var transaction = new PaymentTransaction
        {
            TransactionId = report.TransactionId,
            Status = report.Status,
            Amount = report.Amount,
            OccurredAt = report.OccurredAt,
            RecordedAt = now,
            Intermediary = report.Intermediary,
        };
        var recorded = request with
        {
            Transactions = known is null ? request.Transactions.Add(transaction) : request.Transactions.Replace(known, transaction),
            // The first intermediary to report on a request takes it: from now on only it reports and reads.
            Intermediary = report.Intermediary,
        };
        var actor = new ActionContext { Actor = reporter };

        switch (report.Status, request.Status)
        {
            case (TransactionStatus.Initiated, PaymentStatus.Unpaid):
                return Moved(dossier, recorded with { Status = PaymentStatus.Pending }, actor, now, PaymentOutcome.Applied, $"{report.TransactionId} initiated: payment pending");
            case (TransactionStatus.Initiated, PaymentStatus.Pending):
                return Moved(dossier, recorded, actor, now, PaymentOutcome.Recorded, $"{report.TransactionId} initiated (another attempt)");
            case (TransactionStatus.Initiated or TransactionStatus.Failed, _) when !request.IsOpen:
                return NoChange(dossier, request, PaymentOutcome.Stale, $"Payment request {id} is already {request.Status}: a late {report.Status} report changes nothing.");
            case (TransactionStatus.Failed, _):
                var stillOpen = recorded.Transactions.Any(t => t.Status == TransactionStatus.Initiated);
                // Once every attempt failed, a binding made by a first report lapses: the applicant may pay through another
                // intermediary. A binding the agency made when it asked for the fees stays.
                var released = stillOpen || recorded.IntermediaryChosen ? recorded : recorded with { Intermediary = "" };
                return stillOpen || request.Status == PaymentStatus.Unpaid
                    ? Moved(dossier, released, actor, now, PaymentOutcome.Recorded, $"{report.TransactionId} failed")
                    : Moved(dossier, released with { Status = PaymentStatus.Unpaid }, actor, now, PaymentOutcome.Applied, $"{report.TransactionId} failed: payment unpaid again");
            case (TransactionStatus.Succeeded, PaymentStatus.Unpaid or PaymentStatus.Pending):
                return Paid(dossier, recorded, report, actor, now, receiptNumber, receiptSeries);
            case (TransactionStatus.Succeeded, _):
                // Money arrived for a request that is paid already or closed: keep it on record, it must go back.
                return Moved(dossier, recorded, actor, now, PaymentOutcome.Recorded,
                    $"{report.TransactionId} succeeded but request {id} is already {request.Status}: this payment must be refunded");
            case (TransactionStatus.Refunded, PaymentStatus.Paid):
                return Moved(dossier, recorded with { Status = PaymentStatus.Refunded, ClosedAt = now }, actor, now, PaymentOutcome.Applied,
                    $"{report.TransactionId}: payment refunded");
            case (TransactionStatus.Refunded, _) when request.Transactions.Any(t => t.Status == TransactionStatus.Succeeded):
                return Moved(dossier, recorded, actor, now, PaymentOutcome.Recorded, $"{report.TransactionId}: refund of a payment received after the request closed");
            default:
                return Failures.Precondition(dossier.State, "NOTHING_TO_REFUND", $"Payment request {id} is {request.Status}: no payment was received to refund.");
        }
    }

    /// <summary>The series a receipt issued now belongs to: the year in Viet Nam decides, so numbering restarts each 1 January.</summary>
    public static string ReceiptSeriesAt(DateTimeOffset now) => EReceipt.SeriesFor(WorkingCalendar.ToLocal(now).Year);

    private PaymentDecision Paid(DossierRecord dossier, PaymentRequest recorded, PaymentReport report, ActionContext actor, DateTimeOffset now,
        long? receiptNumber, string? receiptSeries)
    {
        if (receiptNumber is not { } number || receiptSeries is null)
        {
            return new PaymentDecision(null, null, PaymentOutcome.Unspecified, "", recorded, (recorded.CollectingAgencyCode, ReceiptSeriesAt(now)));
        }

        var receipt = new EReceipt
        {
            Series = receiptSeries,
            Number = number,
            Amount = recorded.Total,
            Payer = dossier.Applicant.FullName,
            CollectingAgencyCode = recorded.CollectingAgencyCode,
            IssuedAt = now,
            TransactionId = report.TransactionId,
        };
        var paid = recorded with { Status = PaymentStatus.Paid, PaidAt = now, Receipt = receipt };
        var withPayment = dossier with { Payments = dossier.Payments.SetItem(dossier.Payments.FindIndex(p => p.Number == paid.Number), paid) };
        var message = $"{report.TransactionId} succeeded: receipt {receipt.Display}";
        if (dossier.State != AwaitingPayment)
        {
            return Recorded(withPayment, paid, actor, now, PaymentOutcome.Applied, message);
        }

        // The dossier was waiting for this money: processing resumes (6 -> 4).
        var resumed = ConfirmPayment(withPayment, actor, report.TransactionId, now);
        return resumed.Failure is { } failure ? failure : new PaymentDecision(resumed.Next, null, PaymentOutcome.Applied, message, paid);
    }

    private static PaymentDecision Moved(DossierRecord dossier, PaymentRequest request, ActionContext actor, DateTimeOffset now, PaymentOutcome outcome, string message) =>
        Recorded(dossier with { Payments = dossier.Payments.SetItem(dossier.Payments.FindIndex(p => p.Number == request.Number), request) },
            request, actor, now, outcome, message);

    private static PaymentDecision Recorded(DossierRecord dossier, PaymentRequest request, ActionContext actor, DateTimeOffset now, PaymentOutcome outcome, string message) =>
        new(Append(dossier, DossierAction.PaymentReported, actor, now, message), null, outcome, message, request);

    private static PaymentDecision NoChange(DossierRecord dossier, PaymentRequest request, PaymentOutcome outcome, string message) =>
        new(null, null, outcome, message, request);

    private static string Dong(long amount) => amount.ToString("N0", CultureInfo.InvariantCulture) + " đồng";
}
