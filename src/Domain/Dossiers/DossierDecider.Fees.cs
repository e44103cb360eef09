using DossierTracking.Contracts.Catalog;
using DossierTracking.Contracts.Dossiers;
using DossierTracking.Contracts.Payments;
using static DossierTracking.Contracts.Dossiers.DossierState;

namespace DossierTracking.Domain.Dossiers;

/// <summary>Fees: a payment request, and processing resumed once paid (the reports themselves: DossierDecider.Payments).</summary>
public sealed partial class DossierDecider
{
    /// <param name="intermediary">The intermediary the applicant chose, when the agency names one: only it may then report on the request.</param>
    public Decision RequestPayment(DossierRecord? dossier, ActionContext context, IReadOnlyList<FeeLine> fees, DateTimeOffset now, string intermediary = "")
    {
        if (Check(DossierAction.RequestPayment, dossier, context) is { } failure)
        {
            return failure;
        }

        var d = dossier!;
        if (d.CurrentAgencyCode != d.HandlingAgencyCode)
        {
            return Failures.Precondition(d.State, "AT_COORDINATING_AGENCY", "Payment is requested by the competent agency, not while the dossier is transferred.");
        }

        var lines = fees.Count > 0
            ? fees
            : [.. ProcedureOf(d)?.Fees.Where(f => f.Timing != FeeTiming.Exempt && f.Amount > 0)
                .Select(f => new FeeLine { Name = f.Name, Amount = f.Amount }) ?? []];
        if (lines.Count == 0)
        {
            return Failures.Invalid("fees", "FEES_REQUIRED", "The procedure has no fee to collect: list the fee lines.");
        }

        if (lines.Count > DossierLimits.MaxFeeLines || lines.Any(f => f.Amount is <= 0 or > MaxFeeAmount || string.IsNullOrWhiteSpace(f.Name) || f.Name.Length > DossierLimits.MaxNameLength))
        {
            return Failures.Invalid("fees", "INVALID_FEE_LINE",
                $"Up to {DossierLimits.MaxFeeLines} fee lines, each named (up to {DossierLimits.MaxNameLength} characters), with a positive amount in whole đồng.");
        }

        if (d.Payments.Count >= DossierLimits.MaxPaymentRequests)
        {
            return Failures.LimitReached("PAYMENT_REQUEST_LIMIT_REACHED", $"Fees were already asked for {DossierLimits.MaxPaymentRequests} times on this dossier.");
        }

        var request = new PaymentRequest
        {
            Number = d.Payments.Count + 1,
            Fees = [.. lines],
            Total = lines.Sum(f => f.Amount),
            Status = PaymentStatus.Unpaid,
            RequestedAt = now,
            CollectingAgencyCode = d.HandlingAgencyCode,
            Intermediary = intermediary,
            IntermediaryChosen = intermediary.Length > 0,
        };
        var next = d with
        {
            State = AwaitingPayment,
            Fees = [.. lines],
            Payments = d.Payments.Add(request),
            PausedAt = now,
            Pauses = d.Pauses.Add(new PauseInterval { Reason = AwaitingPayment, StartedAt = now, DueAtBefore = d.DueAt }),
        };
        return Append(next, DossierAction.RequestPayment, context, now, $"Payment request {PaymentRequest.IdOf(d.ReceiptCode, request.Number)}");
    }

    public Decision ConfirmPayment(DossierRecord? dossier, ActionContext context, string transactionRef, DateTimeOffset now)
    {
        if (Check(DossierAction.ConfirmPayment, dossier, context) is { } failure)
        {
            return failure;
        }

        if (string.IsNullOrWhiteSpace(transactionRef))
        {
            return Failures.Invalid("transaction_ref", "TRANSACTION_REF_REQUIRED", "Give the payment transaction reference.");
        }

        // Time spent waiting for the citizen to pay is not the agency's: it is always added back (pause rule).
        var resumed = Resume(dossier!, SupplementPolicy.Pause, now) with { State = InProcessing, PaymentRef = transactionRef };
        return Append(resumed, DossierAction.ConfirmPayment, context, now, transactionRef, resumed.DueAt);
    }
}
