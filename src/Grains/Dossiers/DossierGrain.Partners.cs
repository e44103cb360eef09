using DossierTracking.Contracts.Dossiers;
using DossierTracking.Contracts.Payments;
using DossierTracking.Contracts.Postal;

using DossierTracking.Domain.Dossiers;

namespace DossierTracking.Grains.Dossiers;

/// <summary>Reports from partners: payment intermediaries' transactions and the post's delivery events.</summary>
public sealed partial class DossierGrain
{
    public async Task<PaymentReply> ReportPaymentAsync(PaymentReport report)
    {
        await Load();
        var now = Now();
        var decision = decider.ReportPayment(_slot.Value.Dossier, report, now);
        var receiptNumbered = decision.ReceiptSeries is not null;
        if (decision.ReceiptSeries is { } series)
        {
            // Reserved durably before use: a crash from here on leaves a gap in the series, never a number issued twice.
            var number = await GrainFactory.GetGrain<IEReceiptSeriesGrain>(GrainKeys.EReceiptSeries(series.Agency, series.Series)).NextAsync();
            if (number <= 0)
            {
                return new PaymentReply
                {
                    Failure = Failures.Precondition(_slot.Value.Dossier!.State, "RECEIPT_SERIES_EXHAUSTED",
                        $"E-receipt series {series.Series} of {series.Agency} has used all {EReceipt.MaxNumber:N0} numbers."),
                };
            }

            now = Now();
            decision = decider.ReportPayment(_slot.Value.Dossier, report, now, number, series.Series);
        }

        if (decision.Failure is { } failure)
        {
            ReleaseIfMissing(failure);
            return new PaymentReply { Failure = failure };
        }

        var dossier = decision.Next is { } next ? await Commit(next) : _slot.Value.Dossier!;
        metrics.PaymentReported(decision.Outcome);
        if (receiptNumbered && decision.Next is not null)
        {
            metrics.EReceiptIssued();
        }

        var request = dossier.Payments.First(p => p.Number == report.RequestNumber);
        return new PaymentReply
        {
            Outcome = decision.Outcome,
            Message = decision.Message,
            Request = request,
            DossierState = dossier.State,
            DossierVersion = dossier.Version,
        };
    }

    public async Task<PostalReply> ReportPostalAsync(PostalReport report)
    {
        await Load();
        var decision = decider.ReportPostal(_slot.Value.Dossier, report, Now(), reasonCodes);
        if (decision.Failure is { } failure)
        {
            ReleaseIfMissing(failure);
            return new PostalReply { Failure = failure };
        }

        var dossier = decision.Next is { } next ? await Commit(next) : _slot.Value.Dossier!;
        metrics.PostalReported(report.Status, decision.Outcome);
        return new PostalReply
        {
            Outcome = decision.Outcome,
            Message = decision.Message,
            Shipment = dossier.Shipments.First(s => s.Number == report.ShipmentNumber),
            DossierState = dossier.State,
            DossierVersion = dossier.Version,
        };
    }
}
