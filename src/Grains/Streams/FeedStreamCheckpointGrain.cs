using DossierTracking.Contracts.Feed;
using DossierTracking.Grains.Storage;

namespace DossierTracking.Grains.Streams;

/// <summary>
/// A queue's delivered position in the dossiers' storage (one small row per queue). Positions only move forward here,
/// so a late save from a silo that lost the queue cannot move the next owner back.
/// </summary>
public sealed class FeedStreamCheckpointGrain(
    [PersistentState(StorageNames.FeedStreamCheckpointState, StorageNames.Dossiers)] IPersistentState<FeedStreamCheckpoint> state)
    : Grain, IFeedStreamCheckpointGrain
{
    public Task<long?> ReadAsync() => Task.FromResult(state.RecordExists ? state.State.Position : (long?)null);

    public async Task SaveAsync(long position)
    {
        if (state.RecordExists && state.State.Position >= position)
        {
            return;
        }

        state.State = new FeedStreamCheckpoint { Position = position };
        await state.WriteStateAsync();
    }
}
