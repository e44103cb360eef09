using DossierTracking.Contracts.Dossiers;
using DossierTracking.Domain.Dossiers;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace DossierTracking.Grains.Dossiers;

/// <summary>A submission under a freshly drawn receipt code: the request's row and the dossier's row in one write.</summary>
public sealed partial class DossierGrain
{
    public async Task<DossierReply> SubmitAsync(NewDossier dossier)
    {
        if (_slot.IsKnown && _slot.Value.Dossier is { } existing)
        {
            return Retry(existing, dossier);
        }

        var now = clock.GetUtcNow();
        var pin = LookupPin.New();
        var decision = decider.Create(dossier, ReceiptCode, now, LookupPin.Hash(pin));
        if (decision.Failure is { } failure)
        {
            return DossierReply.Fail(failure);
        }

        var next = decision.Next!;
        var request = new SubmissionRecord { ReceiptCode = ReceiptCode, Fingerprint = next.RequestFingerprint };
        SubmissionInsert written;
        try
        {
            var insert = submissions.InsertAsync(DossierIntakeGrain.SubmissionRowId(dossier.Actor, dossier.RequestId), request, this.GetGrainId(),
                new DossierSlot { Dossier = next });
            _write = insert;
            written = await insert;
        }
        catch (InconsistentStateException)
        {
            // The code has a row, though the sequence hands each out once (a restored backup, a hand-written row):
            // nothing was written, the request id stays free, and the caller's retry draws another code (ABORTED).
            LogCodeTaken(ReceiptCode);
            throw;
        }
        finally
        {
            // The finished insert's task holds its statement's payloads: kept as _write, they would stay in memory for
            // as long as the dossier does.
            _write = Task.CompletedTask;
        }

        if (written.Taken is { } taken)
        {
            // A retry: the request id was given a code before. Nothing was written under this one, which becomes a gap.
            ReleaseSoon();
            if (taken.Fingerprint != request.Fingerprint)
            {
                return DossierReply.Fail(Failures.RequestIdReused(dossier.RequestId));
            }

            // The first attempt's dossier answers (or, for a request row stored without its dossier by an earlier
            // version that wrote them apart, is created now).
            return taken.ReceiptCode == ReceiptCode
                ? await CreateAsync(dossier)
                : await GrainFactory.GetGrain<IDossierGrain>(taken.ReceiptCode!).CreateAsync(dossier);
        }

        _slot.Adopt(new DossierSlot { Dossier = next }, written.ETag!);
        Committed(null, next);
        LogCreated(ReceiptCode, dossier.ProcedureCode, dossier.Channel);
        return Reply(next, now) with { LookupPin = pin };
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Receipt code {ReceiptCode} was drawn for a submission but already has a stored dossier; the receipt sequence may have been set back")]
    private partial void LogCodeTaken(string receiptCode);
}
