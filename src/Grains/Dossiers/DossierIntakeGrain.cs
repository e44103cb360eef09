using DossierTracking.Contracts.Dossiers;
using DossierTracking.Domain.Calendar;
using DossierTracking.Domain.Dossiers;
using DossierTracking.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Concurrency;
using Orleans.Storage;

namespace DossierTracking.Grains.Dossiers;

/// <summary>
/// Takes in new dossiers without a grain activation per request. For each request it issues a receipt code and
/// inserts the row <c>req/{party}/{caller}/{requestId}</c> (state "submission": request ids are scoped per caller) holding it, then creates the dossier under that code.
/// The insert is the lock: when the row already exists (a retry, concurrent or after a restart) the insert is
/// refused, the stored code is read back and used instead, and the number just drawn becomes a gap. Creation itself
/// is idempotent in the dossier grain, so every path leads to one code and one dossier per request id.
/// Reentrant: it keeps no state between requests, so interleaving them is safe.
/// </summary>
[StatelessWorker, Reentrant]
public sealed class DossierIntakeGrain(
    [FromKeyedServices(StorageNames.Dossiers)] IGrainStorage storage,
    DossierDecider decider,
    [FromKeyedServices(DomainClock.Key)] TimeProvider clock) : Grain, IDossierIntakeGrain
{
    public async Task<DossierReply> SubmitAsync(NewDossier dossier)
    {
        // Refuse bad requests before a receipt number is spent on them.
        var today = WorkingCalendar.LocalDate(clock.GetUtcNow());
        if (decider.ValidateNew(dossier, today) is { } failure)
        {
            return DossierReply.Fail(failure);
        }

        var fingerprint = DossierDecider.Fingerprint(dossier);
        var sequence = await GrainFactory
            .GetGrain<IReceiptSequenceGrain>(GrainKeys.ReceiptSequence(dossier.ReceivingDeskCode, today))
            .NextAsync();

        var requestRow = new LazyState<SubmissionRecord>(storage, StorageNames.SubmissionState, SubmissionRowId(dossier.Actor, dossier.RequestId));
        requestRow.Value.ReceiptCode = ReceiptCode.Format(dossier.ReceivingDeskCode, today, sequence);
        requestRow.Value.Fingerprint = fingerprint;
        try
        {
            await requestRow.WriteAsync();
        }
        catch (InconsistentStateException)
        {
            requestRow.Reset();
            await requestRow.LoadAsync();
            if (requestRow.Value.ReceiptCode is null)
            {
                throw;
            }
        }

        if (requestRow.Value.Fingerprint != fingerprint)
        {
            return DossierReply.Fail(Failures.RequestIdReused(dossier.RequestId));
        }

        return await GrainFactory.GetGrain<IDossierGrain>(requestRow.Value.ReceiptCode!).CreateAsync(dossier);
    }

    /// <summary>The storage row of a request id (the grain type part is not part of the stored key).</summary>
    public static GrainId SubmissionRowId(Actor caller, string requestId) => GrainId.Create("submission", GrainKeys.Submission(caller, requestId));
}
