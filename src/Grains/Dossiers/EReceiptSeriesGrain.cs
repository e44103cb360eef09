using DossierTracking.Contracts.Payments;
using DossierTracking.Domain.Dossiers;
using DossierTracking.Grains.Storage;

namespace DossierTracking.Grains.Dossiers;

/// <summary>
/// E-receipt numbers of one collecting agency and series. Reserved one at a time: a receipt book should have no gaps,
/// and payments are far fewer than submissions, so one small write per receipt is affordable. A gap appears only
/// where a silo died between the reservation and the dossier's write.
/// </summary>
public sealed class EReceiptSeriesGrain(
    [PersistentState(StorageNames.EReceiptSeriesState, StorageNames.Dossiers)] IPersistentState<ReceiptSequenceRecord> series)
    : BlockSequence(series, 1), IEReceiptSeriesGrain
{
    public async Task<long> NextAsync()
    {
        if (Reserved >= EReceipt.MaxNumber)
        {
            return 0;
        }

        return await TakeAsync();
    }
}
