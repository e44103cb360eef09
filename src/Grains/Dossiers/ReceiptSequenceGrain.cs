using DossierTracking.Contracts.Dossiers;
using DossierTracking.Grains.Storage;

namespace DossierTracking.Grains.Dossiers;

/// <summary>
/// Hands out receipt numbers for one desk and day from a block reserved durably in advance. A new activation starts
/// after the last reserved number, so numbers are never reused across crashes or silos (the storage's version check
/// refuses a reservation by a stale activation); the unused rest of a block becomes a gap.
/// </summary>
public sealed class ReceiptSequenceGrain(
    [PersistentState(StorageNames.ReceiptSequenceState, StorageNames.Dossiers)] IPersistentState<ReceiptSequenceRecord> state)
    : Grain, IReceiptSequenceGrain
{
    /// <summary>Numbers reserved per write: one database write per this many receipts at a busy desk.</summary>
    public const int BlockSize = 100;

    private long _next;
    private long _limit;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _limit = state.State.Reserved;
        _next = _limit + 1;
        return Task.CompletedTask;
    }

    public async Task<long> NextAsync()
    {
        if (_next > _limit)
        {
            var reserved = _limit + BlockSize;
            state.State.Reserved = reserved;
            try
            {
                await state.WriteStateAsync();
            }
            catch
            {
                state.State.Reserved = _limit;
                throw;
            }

            _limit = reserved;
        }

        return _next++;
    }
}
