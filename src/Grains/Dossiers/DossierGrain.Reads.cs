using DossierTracking.Contracts.Dossiers;
using DossierTracking.Contracts.Payments;
using DossierTracking.Contracts.Postal;

using DossierTracking.Domain.Dossiers;

namespace DossierTracking.Grains.Dossiers;

/// <summary>Reads of the dossier by known callers, and the watchers' long poll.</summary>
public sealed partial class DossierGrain
{
    public async Task<ReadReply> ReadAsync(DossierRead read)
    {
        await Load();
        return Read(read, DossierDecider.Read(_slot.Value.Dossier, read.Purpose, read.Reader, read.ObjectNumber, applicantProven: false));
    }

    public async Task<ReadReply> ReadWithProofAsync(DossierRead read)
    {
        await Load();
        var dossier = _slot.Value.Dossier;
        var decision = DossierDecider.Read(dossier, read.Purpose, read.Reader, read.ObjectNumber, applicantProven: false);
        var widens = decision.Failure is { Reason: Failures.NotYourDossierReason }
            || (decision.Failure is null && decision.Disclosure == Disclosure.Public && read.Purpose == DossierReadPurpose.Record);
        if (dossier is not null && read.Proof is { IsEmpty: false } proof && widens && DossierDecider.ProofCanHelp(read.Purpose, read.Reader.Party))
        {
            if (await _guard.CheckAsync(dossier, proof, Now(), Failures.NotYours(read.Reader.Party, "read")) is { } refused)
            {
                return ReadReply.Fail(refused);
            }

            decision = DossierDecider.Read(dossier, read.Purpose, read.Reader, read.ObjectNumber, applicantProven: true) with
            {
                Basis = proof.Pin.Length > 0 && LookupPin.Matches(dossier.LookupPinHash, proof.Pin) ? "lookup-pin" : "id-number",
            };
        }

        return Read(read, decision);
    }

    private ReadReply Read(DossierRead read, ReadDecision decision)
    {
        if (decision.Failure is { } failure)
        {
            ReleaseIfMissing(failure);
            return ReadReply.Fail(failure);
        }

        var dossier = _slot.Value.Dossier!;
        return read.Purpose switch
        {
            // An intermediary sees its own transactions only (a lapsed binding may leave another's behind).
            DossierReadPurpose.PaymentRequest => new ReadReply
            {
                Disclosure = decision.Disclosure,
                Basis = decision.Basis,
                Payment = dossier.Payments.Find(p => p.Number == read.ObjectNumber) is { } payment
                    ? payment with { Transactions = payment.Transactions.RemoveAll(t => t.Intermediary != read.Reader.PersonId) }
                    : null,
            },
            DossierReadPurpose.Shipment => new ReadReply
            {
                Disclosure = decision.Disclosure,
                Basis = decision.Basis,
                Shipment = dossier.Shipments.Find(s => s.Number == read.ObjectNumber),
            },
            DossierReadPurpose.Document => new ReadReply { Disclosure = decision.Disclosure, Basis = decision.Basis, Documents = dossier.Documents },
            _ => new ReadReply { Dossier = DossierTimeliness.ToView(dossier, Now(), decider.Calendar), Disclosure = decision.Disclosure, Basis = decision.Basis },
        };
    }

    public async Task<DossierChanges> WaitForChangesAsync(long afterVersion, TimeSpan maxWait)
    {
        if (!_write.IsCompleted)
        {
            // Never read storage into the slot while a write from it is in flight (a dossier being created).
            await _write.ContinueWith(_ => { }, TaskScheduler.Current);
        }

        await Load();
        if (_committed is null)
        {
            ReleaseSoon();
            return new DossierChanges { Failure = Failures.DossierNotFound(ReceiptCode) };
        }

        if (_committed.Version <= afterVersion && maxWait > TimeSpan.Zero)
        {
            _changed ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            try
            {
                await _changed.Task.WaitAsync(maxWait);
            }
            catch (TimeoutException)
            {
                // Nothing changed meanwhile: the watcher asks again.
            }
        }

        var dossier = _committed;
        return new DossierChanges
        {
            Entries = [.. dossier.History.Where(h => h.Version > afterVersion)],
            Version = dossier.Version,
            State = dossier.State,
            // A result handed to the post under the handover policy is returned (10) but its shipment still moves:
            // delivered, or back to the desk. The watch ends once nothing can follow.
            Terminal = TransitionTable.Terminal.Contains(dossier.State) && dossier.Shipments is not [.., { IsClosed: false }],
        };
    }
}
