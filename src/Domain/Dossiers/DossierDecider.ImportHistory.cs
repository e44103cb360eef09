using System.Collections.Frozen;
using DossierTracking.Contracts.Dossiers;
using DossierTracking.Contracts.Import;
using static DossierTracking.Contracts.Dossiers.DossierState;

namespace DossierTracking.Domain.Dossiers;

/// <summary>
/// Import, the history: each entry of an imported dossier checked as a move of the lifecycle (who, from where, to which
/// state and agency) and applied to the record being built (<see cref="Import"/>).
/// </summary>
public sealed partial class DossierDecider
{
    /// <summary>The actions an export may name after its first entry; the rest concern partners' objects the import does not bring.</summary>
    private static readonly FrozenSet<DossierAction> Importable = new[]
    {
        DossierAction.Accept, DossierAction.RefuseIntake, DossierAction.RequestSupplement, DossierAction.ReceiveSupplement,
        DossierAction.ExpireSupplement, DossierAction.Forward, DossierAction.RecordStep, DossierAction.Transfer,
        DossierAction.ReturnFromTransfer, DossierAction.RequestPayment, DossierAction.ConfirmPayment, DossierAction.Stop,
        DossierAction.Withdraw, DossierAction.RecordResult, DossierAction.ReturnResult, DossierAction.IssueApology,
    }.ToFrozenSet();

    /// <summary>An entry's own fields: its time (in order, not in the future), its unit, its actor and note.</summary>
    private Failure? CheckImportedEntry(string deskCode, ImportedEntry entry, string field, DateTimeOffset? previousAt, DateTimeOffset? now)
    {
        if (previousAt is { } before && entry.At < before)
        {
            return Failures.Invalid($"{field}.at", "HISTORY_OUT_OF_ORDER", $"{field}.at is before the entry above it.");
        }

        if (now is { } limit && entry.At > limit)
        {
            return Failures.Invalid($"{field}.at", "TIME_IN_FUTURE", $"{field}.at is in the future.");
        }

        if (UnitIn(deskCode, entry.AgencyCode) is null)
        {
            return Failures.NotFound($"{field}.agency", "AGENCY_NOT_FOUND", $"No agency has code {entry.AgencyCode}.");
        }

        if (entry.Actor.PersonId.Length is 0 or > MaxImportedIdLength)
        {
            return Failures.Invalid($"{field}.actor.id", "ACTOR_ID_INVALID", $"{field}.actor.id must be 1 to {MaxImportedIdLength} characters.");
        }

        if (entry.Actor.PersonName.Length > DossierLimits.MaxNameLength)
        {
            return Failures.TooLong($"{field}.actor.name", DossierLimits.MaxNameLength);
        }

        if (entry.Actor.AgencyCode.Length > 0 && UnitIn(deskCode, entry.Actor.AgencyCode) is null)
        {
            return Failures.NotFound($"{field}.actor.unit", "AGENCY_NOT_FOUND", $"No agency has code {entry.Actor.AgencyCode}.");
        }

        return entry.Note.Length > DossierLimits.MaxNoteLength ? Failures.TooLong($"{field}.note", DossierLimits.MaxNoteLength) : null;
    }

    /// <summary>Whether the lifecycle allows the entry's move from where the dossier stands, by its actor, to its state.</summary>
    private static Failure? CheckImportedMove(DossierRecord dossier, ImportedEntry entry, string field)
    {
        if (!Importable.Contains(entry.Action))
        {
            return Failures.Invalid($"{field}.action", "ACTION_NOT_IMPORTABLE", $"{field}.action {entry.Action} cannot be imported after the first entry (see docs/import.md).");
        }

        var rule = TransitionTable.For(entry.Action);
        if (!rule.From.Contains(dossier.State))
        {
            return Failures.Invalid($"{field}.action", "ILLEGAL_TRANSITION", $"{field}: {entry.Action} is not allowed from {dossier.State}.");
        }

        var allowed = rule.Permissions.Any(p => p.Party == entry.Actor.Party && (p.OnlyFrom is null || p.OnlyFrom.Contains(dossier.State))
            && Ownership.InScope(p.Scope, entry.Actor, false, dossier));
        if (!allowed)
        {
            return Failures.Invalid($"{field}.actor", "ACTOR_NOT_ALLOWED",
                $"{field}: a {entry.Actor.Party} of unit '{entry.Actor.AgencyCode}' may not {entry.Action} this dossier in state {dossier.State}.");
        }

        if (CheckImportedAgency(dossier, entry, field) is { } agencyFailure)
        {
            return agencyFailure;
        }

        var expected = entry.Action switch
        {
            DossierAction.Accept => Received,
            DossierAction.RefuseIntake or DossierAction.ExpireSupplement => RejectedAtIntake,
            DossierAction.RequestSupplement => AwaitingSupplement,
            DossierAction.ReceiveSupplement => dossier.ResumeState ?? Received,
            DossierAction.Forward or DossierAction.RecordStep or DossierAction.Transfer or DossierAction.ReturnFromTransfer or DossierAction.ConfirmPayment => InProcessing,
            DossierAction.RequestPayment => AwaitingPayment,
            DossierAction.Stop => Stopped,
            DossierAction.Withdraw => Withdrawn,
            DossierAction.RecordResult => ResultReady,
            DossierAction.ReturnResult => ResultReturned,
            _ => dossier.State,
        };
        return entry.ToState == expected
            ? null
            : Failures.Invalid($"{field}.to_state", "STATE_MISMATCH", $"{field}: {entry.Action} from {dossier.State} leads to {expected}, not {entry.ToState}.");
    }

    /// <summary>
    /// Where the dossier is after the entry, as live changes move it: forwarded or returned from a transfer to the
    /// competent agency, transferred from it to another, back at the desk with its result, elsewhere where it was.
    /// </summary>
    private static Failure? CheckImportedAgency(DossierRecord dossier, ImportedEntry entry, string field)
    {
        var atHandling = dossier.CurrentAgencyCode == dossier.HandlingAgencyCode;
        var precondition = entry.Action switch
        {
            DossierAction.Transfer or DossierAction.RecordResult or DossierAction.RequestPayment when !atHandling =>
                $"{field}: {entry.Action} is taken at the competent agency {dossier.HandlingAgencyCode}, but the dossier is at {dossier.CurrentAgencyCode}.",
            DossierAction.ReturnFromTransfer when atHandling => $"{field}: the dossier was not transferred; it is at its competent agency.",
            _ => null,
        };
        if (precondition is not null)
        {
            return Failures.Invalid($"{field}.action", "ILLEGAL_TRANSITION", precondition);
        }

        var expected = entry.Action switch
        {
            DossierAction.Forward or DossierAction.ReturnFromTransfer => dossier.HandlingAgencyCode,
            DossierAction.RecordResult => dossier.ReceivingDeskCode,
            DossierAction.Transfer => entry.AgencyCode == dossier.HandlingAgencyCode ? null : entry.AgencyCode,
            _ => dossier.CurrentAgencyCode,
        };
        return entry.AgencyCode == expected
            ? null
            : Failures.Invalid($"{field}.agency", "AGENCY_MISMATCH", expected is null
                ? $"{field}: a transfer goes to an agency other than the competent one."
                : $"{field}: after {entry.Action} the dossier is at {expected}, not {entry.AgencyCode}.");
    }

    /// <summary>The record after an imported entry: the state, where the dossier is, and the times reports count.</summary>
    private static DossierRecord Apply(DossierRecord d, ImportedEntry entry)
    {
        var next = d with { State = entry.ToState, CurrentAgencyCode = entry.AgencyCode };
        next = entry.ToState is AwaitingSupplement or AwaitingPayment && d.State != entry.ToState
            ? next with
            {
                PausedAt = entry.At,
                ResumeState = entry.ToState == AwaitingSupplement ? d.State : d.ResumeState,
                Pauses = d.Pauses.Add(new PauseInterval { Reason = entry.ToState, StartedAt = entry.At }),
            }
            : d.PausedAt is not null && entry.ToState is not (AwaitingSupplement or AwaitingPayment)
                ? next with
                {
                    PausedAt = null,
                    ResumeState = null,
                    Pauses = d.Pauses.SetItem(d.Pauses.Count - 1, d.Pauses[^1] with { EndedAt = entry.At }),
                }
                : next;
        return entry.Action switch
        {
            DossierAction.Accept => next with { ReceivedAt = entry.At },
            DossierAction.RefuseIntake or DossierAction.ExpireSupplement or DossierAction.Stop => next with { ClosingReason = entry.Note },
            DossierAction.Withdraw => next with { ClosingReason = entry.Note, FinishedAt = entry.At },
            DossierAction.RecordResult => next with { FinishedAt = entry.At },
            DossierAction.ReturnResult => next with { ReturnedAt = entry.At },
            DossierAction.RecordStep => next with { CurrentStep = entry.Note },
            _ => next,
        };
    }

    private static HistoryEntry Entry(long version, ImportedEntry entry, DossierState from) => new()
    {
        Version = version,
        At = entry.At,
        Action = entry.Action,
        Actor = entry.Actor,
        FromState = from,
        ToState = entry.ToState,
        AgencyCode = entry.AgencyCode,
        Note = entry.Note,
    };
}
