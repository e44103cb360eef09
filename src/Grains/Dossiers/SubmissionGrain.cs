using DossierTracking.Contracts.Dossiers;
using DossierTracking.Grains.Calendar;
using DossierTracking.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace DossierTracking.Grains.Dossiers;

/// <summary>
/// Makes dossier creation idempotent per client request id. The receipt code is issued and written here first, then
/// the dossier is created under it: a retry, even after a crash between the two writes, finds the code and creates
/// (or returns) the same dossier; it never issues a second code.
/// A request id is almost always new, so the record is not read first: it is inserted, and only when the insert
/// finds a row (a retry) is the stored code read back. The common path is two inserts and no read.
/// </summary>
public sealed class SubmissionGrain(
    [FromKeyedServices(StorageNames.Dossiers)] IGrainStorage storage,
    DossierDecider decider,
    [FromKeyedServices(DomainClock.Key)] TimeProvider clock) : Grain, ISubmissionGrain
{
    /// <summary>How long a finished submission lingers in memory for retries before it leaves (it reloads if needed).</summary>
    private static readonly TimeSpan RetryWindow = TimeSpan.FromSeconds(10);

    private LazyState<SubmissionRecord> _record = null!;
    private IGrainTimer? _release;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _record = new LazyState<SubmissionRecord>(storage, StorageNames.SubmissionState, this.GetGrainId());
        return Task.CompletedTask;
    }

    public async Task<DossierReply> SubmitAsync(NewDossier dossier)
    {
        if (GrainKeys.Submission(dossier.RequestId) != this.GetPrimaryKeyString())
        {
            throw new ArgumentException("The request id does not match this submission grain.", nameof(dossier));
        }

        ReleaseSoon();
        var fingerprint = DossierDecider.Fingerprint(dossier);
        if (_record.Value.ReceiptCode is null && !_record.IsKnown)
        {
            // Refuse bad requests before a receipt number is spent on them.
            if (decider.ValidateNew(dossier) is { } failure)
            {
                return DossierReply.Fail(failure);
            }

            var today = WorkingCalendar.LocalDate(clock.GetUtcNow());
            var sequence = await GrainFactory
                .GetGrain<IReceiptSequenceGrain>(GrainKeys.ReceiptSequence(dossier.ReceivingDeskCode, today))
                .NextAsync();
            _record.Value.ReceiptCode = ReceiptCode.Format(dossier.ReceivingDeskCode, today, sequence);
            _record.Value.Fingerprint = fingerprint;
            try
            {
                await _record.WriteAsync();
            }
            catch (InconsistentStateException)
            {
                // The request id was used before (a retry after a restart): its stored code wins; this number is a gap.
                _record.Reset();
                await _record.LoadAsync();
            }
            catch
            {
                _record.Reset();
                throw;
            }
        }

        if (_record.Value.ReceiptCode is null)
        {
            throw new InvalidOperationException("A submission record without a receipt code.");
        }

        if (_record.Value.Fingerprint != fingerprint)
        {
            return DossierReply.Fail(Failures.RequestIdReused(dossier.RequestId));
        }

        return await GrainFactory.GetGrain<IDossierGrain>(_record.Value.ReceiptCode).CreateAsync(dossier);
    }

    /// <summary>
    /// Retries are rare: the activation leaves memory shortly after the request. Deactivating at once would bounce
    /// concurrent retries between activations, so it leaves a little later.
    /// </summary>
    private void ReleaseSoon() =>
        _release ??= this.RegisterGrainTimer(() =>
        {
            DeactivateOnIdle();
            return Task.CompletedTask;
        }, RetryWindow, Timeout.InfiniteTimeSpan);
}
