namespace DossierTracking.Contracts.Payments;

/// <summary>
/// The e-receipt numbers of one collecting agency and series (key: <c>erc/{agencyCode}/{series}</c>). Each number is
/// reserved durably before it is handed out, so no number is issued twice across crashes or silos.
/// </summary>
[Alias("dvc.IEReceiptSeriesGrain")]
public interface IEReceiptSeriesGrain : IGrainWithStringKey
{
    /// <summary>The next number of the series, or 0 when the series is exhausted (beyond <see cref="EReceipt.MaxNumber"/>).</summary>
    [Alias("Next")] Task<long> NextAsync();
}
