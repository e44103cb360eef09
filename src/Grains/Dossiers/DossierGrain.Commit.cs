using DossierTracking.Contracts.Dossiers;
using DossierTracking.Domain.Dossiers;

namespace DossierTracking.Grains.Dossiers;

/// <summary>The commit of a decided change: the write first, then what follows it once it is durable.</summary>
public sealed partial class DossierGrain
{
    private async Task<DossierReply> Commit(Decision decision, DateTimeOffset now)
    {
        if (decision.Failure is { } failure)
        {
            return DossierReply.Fail(failure);
        }

        return Reply(await Commit(decision.Next!), now);
    }

    /// <summary>Writes the decided record; the live state changes only once the write succeeded.</summary>
    private async Task<DossierRecord> Commit(DossierRecord next)
    {
        var previous = _slot.Value.Dossier;
        _slot.Value.Dossier = next;
        try
        {
            await (_write = _slot.WriteAsync());
        }
        catch
        {
            _slot.Value.Dossier = previous;
            throw;
        }
        finally
        {
            // Nothing to wait for any more; the finished task need not stay in memory with the dossier.
            _write = Task.CompletedTask;
        }

        Committed(previous, next);
        return next;
    }

    /// <summary>What follows a durable write: the live state, the local snapshot, the relay, the metrics and the watchers.</summary>
    private void Committed(DossierRecord? previous, DossierRecord next)
    {
        snapshots.Publish(next);
        relay.Enqueue(previous, next);
        metrics.Committed(previous, next);
        _committed = next;
        _changed?.TrySetResult();
        _changed = null;
        if (previous is not null)
        {
            LogChanged(ReceiptCode, previous.State, next.State, next.Version);
        }
        else
        {
            _release?.Dispose();
            _release = null;
        }
    }
}
