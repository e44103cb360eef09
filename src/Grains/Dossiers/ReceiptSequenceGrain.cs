using DossierTracking.Contracts.Dossiers;
using DossierTracking.Domain.Dossiers;
using DossierTracking.Grains.Storage;

namespace DossierTracking.Grains.Dossiers;

/// <summary>Receipt numbers of one desk and day, reserved in blocks: one database write per <see cref="BlockSize"/> receipts at a busy desk.</summary>
public sealed class ReceiptSequenceGrain(
    [PersistentState(StorageNames.ReceiptSequenceState, StorageNames.Dossiers)] IPersistentState<ReceiptSequenceRecord> state)
    : BlockSequence(state, BlockSize), IReceiptSequenceGrain
{
    /// <summary>Numbers reserved per write.</summary>
    public const int BlockSize = 100;

    public Task<long> NextAsync() => TakeAsync();

    public Task ReserveThroughAsync(long number) => SkipThroughAsync(number);
}
