namespace DossierTracking.Contracts.Payments;

/// <summary>Where a payment request stands (docs/domain.md "Payment"): Unpaid → Pending → Paid | Cancelled | Refunded.</summary>
[GenerateSerializer, Alias("dvc.PaymentStatus")]
public enum PaymentStatus
{
    Unspecified = 0,
    Unpaid = 1,
    /// <summary>A transaction was initiated at the intermediary and has not ended yet.</summary>
    Pending = 2,
    Paid = 3,
    /// <summary>Closed without payment (the dossier was withdrawn).</summary>
    Cancelled = 4,
    Refunded = 5,
}
