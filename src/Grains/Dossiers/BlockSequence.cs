using DossierTracking.Domain.Dossiers;
using DossierTracking.Grains.Storage;

namespace DossierTracking.Grains.Dossiers;

/// <summary>
/// Hands out numbers 1, 2, 3… from blocks reserved durably in advance. A new activation starts after the last
/// reserved number, so numbers are never reused across crashes or silos (the storage's version check refuses a
/// reservation by a stale activation); the unused rest of a block becomes a gap.
/// </summary>
public abstract class BlockSequence(IPersistentState<ReceiptSequenceRecord> state, int blockSize) : Grain
{
    private long _next;
    private long _limit;

    /// <summary>The highest number reserved so far.</summary>
    protected long Reserved => _limit;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _limit = state.State.Reserved;
        _next = _limit + 1;
        return Task.CompletedTask;
    }

    protected async Task<long> TakeAsync()
    {
        if (_next > _limit)
        {
            var reserved = _limit + blockSize;
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

    /// <summary>
    /// Skips every number up to <paramref name="number"/>: reserved durably (when beyond the reservation) before it
    /// returns, so that no activation, now or after a crash, hands one of them out.
    /// </summary>
    protected async Task SkipThroughAsync(long number)
    {
        if (number > _limit)
        {
            state.State.Reserved = number;
            try
            {
                await state.WriteStateAsync();
            }
            catch
            {
                state.State.Reserved = _limit;
                throw;
            }

            _limit = number;
        }

        _next = Math.Max(_next, number + 1);
    }
}
