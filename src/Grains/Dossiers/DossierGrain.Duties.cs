using DossierTracking.Contracts.Dossiers;
using DossierTracking.Contracts.Duties;
using DossierTracking.Domain.Duties;
using Microsoft.Extensions.Logging;

namespace DossierTracking.Grains.Dossiers;

/// <summary>Scheduled duties: the sweep asks, the decider decides, each duty is its own committed version.</summary>
public sealed partial class DossierGrain
{
    /// <summary>Who does the duties: the system itself.</summary>
    private static readonly ActionContext DutyContext = new() { Actor = new Actor { Party = Party.System, PersonId = DossierDuties.ActorId } };

    public async Task<DutyRun> RunDutiesAsync()
    {
        await Load();
        if (_slot.Value.Dossier is null)
        {
            ReleaseSoon();
            return DutyRun.Missing;
        }

        var done = new List<DossierAction>();
        var canDoAll = true;
        // Each duty done is not owed again, so this ends; the bound only guards against a rule that would say otherwise.
        for (var i = 0; i < DossierDuties.Actions.Count; i++)
        {
            var decision = decider.RunDuty(_slot.Value.Dossier, DutyContext, duties, Now());
            if (decision.Failure is { } failure)
            {
                if (failure.Reason != DossierDuties.NothingDueReason)
                {
                    // Owed but refused (the history is full): the row leaves the due index until the dossier changes.
                    canDoAll = false;
                    LogDutyRefused(ReceiptCode, failure.Reason);
                }

                break;
            }

            var next = await Commit(decision.Next!);
            done.Add(next.History[^1].Action);
            LogDutyDone(ReceiptCode, next.History[^1].Action, next.Version);
        }

        var dossier = _slot.Value.Dossier!;
        return new DutyRun
        {
            Exists = true,
            Done = done,
            Version = dossier.Version,
            NextDutyAt = canDoAll ? DossierDuties.NextAt(dossier, duties, decider.Calendar) : null,
        };
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Dossier {ReceiptCode}: scheduled duty {Action} done (version {Version})")]
    private partial void LogDutyDone(string receiptCode, DossierAction action, long version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dossier {ReceiptCode}: a scheduled duty is owed but refused ({Reason}); it leaves the due index until the dossier changes")]
    private partial void LogDutyRefused(string receiptCode, string reason);
}
