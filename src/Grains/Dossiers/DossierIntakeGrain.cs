using DossierTracking.Contracts.Dossiers;
using DossierTracking.Domain.Calendar;
using DossierTracking.Domain.Dossiers;
using DossierTracking.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Concurrency;
using Orleans.Storage;

namespace DossierTracking.Grains.Dossiers;

/// <summary>
/// Takes in new dossiers without a grain activation per request. For each request it issues a receipt code and hands
/// the request to the dossier grain of that code, which inserts the row <c>req/{party}/{caller}/{requestId}</c>
/// (state "submission": request ids are scoped per caller) holding the code together with the dossier's row, in one
/// write (<see cref="IDossierSubmissions"/>). That insert is the lock: when the request's row already exists (a retry,
/// concurrent or after a restart) nothing is written, the stored code's dossier answers, and the number just drawn
/// becomes a gap. So every path leads to one code and one dossier per request id.
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
            return await FirstAnswerAsync(dossier) ?? DossierReply.Fail(failure);
        }

        var sequence = await GrainFactory
            .GetGrain<IReceiptSequenceGrain>(GrainKeys.ReceiptSequence(dossier.ReceivingDeskCode, today))
            .NextAsync();
        return await GrainFactory.GetGrain<IDossierSubmissionGrain>(ReceiptCode.Format(dossier.ReceivingDeskCode, today, sequence)).SubmitAsync(dossier);
    }

    /// <summary>
    /// A retry must get its first answer even when the rules have changed since (a desk dissolved, a procedure
    /// withdrawn): a refused request whose id was given a dossier, with the same content, answers with that dossier.
    /// Only refusals pay this read.
    /// </summary>
    private async Task<DossierReply?> FirstAnswerAsync(NewDossier dossier)
    {
        if (dossier.RequestId.Length == 0)
        {
            return null;
        }

        var row = new LazyState<SubmissionRecord>(storage, StorageNames.SubmissionState, SubmissionRowId(dossier.Actor, dossier.RequestId));
        await row.LoadAsync();
        if (row.Value.ReceiptCode is not { } code || row.Value.Fingerprint != DossierDecider.Fingerprint(dossier))
        {
            return null;
        }

        var stored = await GrainFactory.GetGrain<IDossierGrain>(code).GetAsync();
        return stored.Failure is null ? stored : null;
    }

    /// <summary>The storage row of a request id (the grain type part is not part of the stored key).</summary>
    public static GrainId SubmissionRowId(Actor caller, string requestId) => GrainId.Create("submission", GrainKeys.Submission(caller, requestId));
}
