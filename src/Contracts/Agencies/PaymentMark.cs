namespace DossierTracking.Contracts.Agencies;

/// <summary>What the read model keeps of a dossier's fees, for the online payment rate.</summary>
[GenerateSerializer, Alias("dvc.PaymentMark")]
public enum PaymentMark
{
    /// <summary>No fee was asked for.</summary>
    None = 0,
    /// <summary>Fees were asked for and not paid (yet, or ever: cancelled by a withdrawal).</summary>
    Requested = 1,
    /// <summary>Fees were paid online through a payment intermediary (refunded later or not).</summary>
    PaidOnline = 2,
}
