using DossierTracking.Contracts.Dossiers;
using DossierTracking.Domain.Dossiers;
using DossierTracking.Grains.Storage;
using Orleans.Storage;

namespace DossierTracking.Grains.Dossiers;

/// <summary>
/// The stored count of wrong second-factor guesses of one dossier (<see cref="LookupGuard"/> decides), kept by its
/// grain in a row of its own. A wrong guess is written before it is answered, so neither a restart nor another silo
/// gives an attacker fresh tries.
/// </summary>
internal sealed class DossierLookupGuard(IGrainStorage storage, GrainId grainId)
{
    private readonly LazyState<GuardSlot> _state = new(storage, StorageNames.LookupGuardState, grainId);

    /// <summary>Null when the proof is right; else the refusal: locked, or <paramref name="wrong"/> after counting the guess.</summary>
    public async Task<Failure?> CheckAsync(DossierRecord dossier, ApplicantProof proof, DateTimeOffset now, Failure wrong)
    {
        await _state.LoadAsync();
        var guard = _state.Value.Guard ?? new LookupGuardRecord();
        if (LookupGuard.Refusal(guard, now) is { } locked)
        {
            return locked;
        }

        if (LookupGuard.Matches(dossier, proof))
        {
            if (LookupGuard.HasHistory(guard))
            {
                await WriteAsync(new LookupGuardRecord());
            }

            return null;
        }

        await WriteAsync(LookupGuard.AfterWrongAttempt(guard, now));
        return wrong;
    }

    private async Task WriteAsync(LookupGuardRecord next)
    {
        var previous = _state.Value.Guard;
        _state.Value.Guard = next;
        try
        {
            await _state.WriteAsync();
        }
        catch
        {
            _state.Value.Guard = previous;
            throw;
        }
    }

    /// <summary>The stored row: a class with a settable member, as the storage's state holder needs.</summary>
    [GenerateSerializer, Alias("dvc.LookupGuardSlot")]
    public sealed class GuardSlot
    {
        [Id(0)] public LookupGuardRecord? Guard { get; set; }
    }
}
