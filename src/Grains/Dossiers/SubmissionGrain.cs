using DossierTracking.Contracts.Dossiers;
using DossierTracking.Grains.Calendar;
using DossierTracking.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace DossierTracking.Grains.Dossiers;

/// <summary>
/// Makes dossier creation idempotent per client request id. The receipt code is issued and written here first, then
/// the dossier is created under it: a retry, even after a crash between the two writes, finds the code and creates
/// (or returns) the same dossier; it never issues a second code.
/// </summary>
public sealed class SubmissionGrain(
    [PersistentState(StorageNames.SubmissionState, StorageNames.Dossiers)] IPersistentState<SubmissionRecord> state,
    DossierDecider decider,
    [FromKeyedServices(DomainClock.Key)] TimeProvider clock) : Grain, ISubmissionGrain
{
    /// <summary>How long a finished submission lingers in memory for retries before it leaves (it reloads if needed).</summary>
    private static readonly TimeSpan RetryWindow = TimeSpan.FromSeconds(10);

    private IGrainTimer? _release;

    public async Task<DossierReply> SubmitAsync(NewDossier dossier)
    {
        if (GrainKeys.Submission(dossier.RequestId) != this.GetPrimaryKeyString())
        {
            throw new ArgumentException("The request id does not match this submission grain.", nameof(dossier));
        }

        var fingerprint = DossierDecider.Fingerprint(dossier);
        if (state.State.ReceiptCode is null)
        {
            // Refuse bad requests before a receipt number is spent on them.
            if (decider.ValidateNew(dossier) is { } failure)
            {
                ReleaseSoon();
                return DossierReply.Fail(failure);
            }

            var today = WorkingCalendar.LocalDate(clock.GetUtcNow());
            var sequence = await GrainFactory
                .GetGrain<IReceiptSequenceGrain>(GrainKeys.ReceiptSequence(dossier.ReceivingDeskCode, today))
                .NextAsync();
            state.State.ReceiptCode = ReceiptCode.Format(dossier.ReceivingDeskCode, today, sequence);
            state.State.Fingerprint = fingerprint;
            try
            {
                await state.WriteStateAsync();
            }
            catch
            {
                state.State.ReceiptCode = null;
                state.State.Fingerprint = null;
                throw;
            }
        }
        else if (state.State.Fingerprint != fingerprint)
        {
            return DossierReply.Fail(Failures.RequestIdReused(dossier.RequestId));
        }

        var reply = await GrainFactory.GetGrain<IDossierGrain>(state.State.ReceiptCode).CreateAsync(dossier);

        // Retries are rare: free the memory soon; a later retry reloads the record.
        ReleaseSoon();
        return reply;
    }

    /// <summary>Deactivating at once would bounce concurrent retries between activations; leave a little later instead.</summary>
    private void ReleaseSoon() =>
        _release ??= this.RegisterGrainTimer(() =>
        {
            DeactivateOnIdle();
            return Task.CompletedTask;
        }, RetryWindow, Timeout.InfiniteTimeSpan);
}
