using System.Collections.Frozen;
using System.Collections.Immutable;
using DossierTracking.Contracts.Dossiers;
using DossierTracking.Contracts.Import;
using DossierTracking.Domain.Calendar;
using static DossierTracking.Contracts.Dossiers.DossierState;

namespace DossierTracking.Domain.Dossiers;

/// <summary>
/// Import: a dossier of another system's export (docs/import.md) becomes a record with its own receipt code, times,
/// state and history. Each history entry must be a move the lifecycle allows (the same table live changes obey), so
/// that an imported dossier goes on exactly like one made here.
/// </summary>
public sealed partial class DossierDecider
{
    /// <summary>The longest source id (the old system's key of the dossier).</summary>
    public const int MaxSourceIdLength = 128;

    /// <summary>The longest actor id and applicant id number an export may carry.</summary>
    public const int MaxImportedIdLength = 128;

    /// <summary>The highest receipt number an import may bring: far above any desk's day, far below the live sequence's end.</summary>
    public const long MaxImportedSequence = 9_999_999;

    /// <summary>The actions an export may name after its first entry; the rest concern partners' objects the import does not bring.</summary>
    private static readonly FrozenSet<DossierAction> Importable = new[]
    {
        DossierAction.Accept, DossierAction.RefuseIntake, DossierAction.RequestSupplement, DossierAction.ReceiveSupplement,
        DossierAction.ExpireSupplement, DossierAction.Forward, DossierAction.RecordStep, DossierAction.Transfer,
        DossierAction.ReturnFromTransfer, DossierAction.RequestPayment, DossierAction.ConfirmPayment, DossierAction.Stop,
        DossierAction.Withdraw, DossierAction.RecordResult, DossierAction.ReturnResult, DossierAction.IssueApology,
    }.ToFrozenSet();

    /// <summary>The request id an imported dossier carries: its source and source id (the key of idempotency).</summary>
    public static string ImportRequestId(string source, string sourceId) => $"import:{source}/{sourceId}";

    /// <summary>Checks an imported dossier and builds its record; <paramref name="now"/> is the time of the import.</summary>
    public Decision Import(ImportedDossier line, string source, DateTimeOffset now)
    {
        if ((CheckImportHead(line, now) ?? CheckImportedCounts(line.History)) is { } headFailure)
        {
            return headFailure;
        }

        var procedure = catalog.FindProcedure(line.ProcedureCode)!;
        var first = line.History[0];
        var limit = line.Channel == Channel.Online && procedure.OnlineLimit is { } online ? online : procedure.Limit;
        var record = new DossierRecord
        {
            ReceiptCode = line.ReceiptCode,
            RequestId = ImportRequestId(source, line.SourceId),
            RequestFingerprint = line.Fingerprint,
            Version = 1,
            State = first.ToState,
            ProcedureCode = procedure.Code,
            Channel = line.Channel,
            ReceivingDeskCode = line.ReceivingDeskCode,
            HandlingAgencyCode = procedure.AgencyLevel == Contracts.Catalog.AgencyLevel.Province ? procedure.AgencyCode! : line.ReceivingDeskCode,
            CurrentAgencyCode = first.AgencyCode,
            Applicant = line.Applicant,
            Limit = limit,
            SupplementPolicy = procedure.SupplementPolicy,
            SubmittedAt = first.At,
            ReceivedAt = first.ToState == Received ? first.At : null,
            History = [Entry(1, first, None)],
            Delivery = line.ReturnMethod is ReturnMethod.Online or ReturnMethod.Post ? line.ReturnMethod : ReturnMethod.InPerson,
        };

        for (var i = 1; i < line.History.Length; i++)
        {
            var entry = line.History[i];
            var field = $"history[{i}]";
            if (CheckImportedEntry(entry, field, line.History[i - 1].At, now) is { } entryFailure)
            {
                return entryFailure;
            }

            if (CheckImportedMove(record, entry, field) is { } moveFailure)
            {
                return moveFailure;
            }

            record = Apply(record, entry) with { Version = i + 1 };
            record = record with { History = record.History.Add(Entry(i + 1, entry, line.History[i - 1].ToState)) };
        }

        if (record.State != line.State)
        {
            return Failures.Invalid("state", "STATE_MISMATCH", $"state is {line.State}, but the history leaves the dossier in {record.State}.");
        }

        if (line.State is ResultReady or ResultReturned && line.Result == ResultKind.Unspecified)
        {
            return Failures.Invalid("result", "RESULT_REQUIRED", "result is required for a dossier whose result is ready or returned: APPROVED or REFUSED.");
        }

        if (line.State == ResultReturned && line.ReturnMethod == ReturnMethod.Unspecified)
        {
            return Failures.Invalid("return_method", "METHOD_REQUIRED", "return_method is required for a returned result: IN_PERSON, ONLINE or POST.");
        }

        if (line.ReturnMethod is ReturnMethod.Online or ReturnMethod.Post && procedure.ServiceLevel < 4)
        {
            return Failures.Invalid("return_method", "RESULT_AT_DESK_ONLY",
                $"return_method: procedure {procedure.Code} is offered at service level {procedure.ServiceLevel}; its result is collected at the desk.");
        }

        if (line.DueAt is { } given && given < record.SubmittedAt)
        {
            return Failures.Invalid("due_at", "DUE_BEFORE_SUBMISSION", "due_at is before the dossier was submitted.");
        }

        var dueAt = line.DueAt ?? (record.ReceivedAt is { } receivedAt ? DueFrom(limit, receivedAt) : null);
        return record with
        {
            DueAt = dueAt,
            Result = line.State is ResultReady or ResultReturned ? line.Result : ResultKind.Unspecified,
            ReturnMethod = line.State == ResultReturned ? line.ReturnMethod : ReturnMethod.Unspecified,
            ImportedAt = now,
            ImportedVersion = record.Version,
        };
    }

    /// <summary>The receipt code, the catalogue and the first entry: what must hold before the history is read.</summary>
    private Failure? CheckImportHead(ImportedDossier line, DateTimeOffset now)
    {
        if (line.SourceId.Length is 0 or > MaxSourceIdLength || line.SourceId.Any(char.IsControl))
        {
            return Failures.Invalid("source_id", "SOURCE_ID_INVALID", $"source_id must be 1 to {MaxSourceIdLength} printable characters.");
        }

        if (line.History.IsDefaultOrEmpty)
        {
            return Failures.Invalid("history", "HISTORY_REQUIRED", "history needs at least the entry that created the dossier.");
        }

        if (line.History.Length > DossierLimits.MaxHistoryEntries)
        {
            return Failures.Invalid("history", "HISTORY_TOO_LONG", $"history has {line.History.Length} entries; a dossier holds at most {DossierLimits.MaxHistoryEntries}.");
        }

        if (CheckApplicant(line.Applicant) is { } applicantFailure)
        {
            return applicantFailure;
        }

        var first = line.History[0];
        var creation = line.Channel == Channel.Online ? DossierAction.Submit : DossierAction.Receive;
        if (first.Action != creation || first.ToState != (line.Channel == Channel.Online ? Submitted : Received))
        {
            return Failures.Invalid("history[0].action", "FIRST_ENTRY_INVALID",
                $"The first history entry of a dossier received {(line.Channel == Channel.Online ? "online" : "at a desk")} is {creation.ToString().ToUpperInvariant()} to {(line.Channel == Channel.Online ? "SUBMITTED" : "RECEIVED")}.");
        }

        var asNew = new NewDossier
        {
            RequestId = line.SourceId,
            ProcedureCode = line.ProcedureCode,
            ReceivingDeskCode = line.ReceivingDeskCode,
            Channel = line.Channel,
            Applicant = line.Applicant,
            Actor = first.Actor,
        };
        if (ValidateNew(asNew, WorkingCalendar.LocalDate(first.At)) is { } failure)
        {
            return failure with
            {
                Field = failure.Field switch
                {
                    "receiving_desk_code" => "receiving_desk",
                    null => "history[0].actor",
                    var f => f,
                },
            };
        }

        if (!ReceiptCode.TryParse(line.ReceiptCode, out var unit, out var date, out _))
        {
            return Failures.Invalid("receipt_code", "RECEIPT_CODE_INVALID", "receipt_code is not of the form {desk}-{yyMMdd}-{sequence}.");
        }

        if (unit != line.ReceivingDeskCode)
        {
            return Failures.Invalid("receipt_code", "RECEIPT_CODE_MISMATCH", $"receipt_code was issued by {unit}, not by the receiving desk {line.ReceivingDeskCode}.");
        }

        if (date != WorkingCalendar.LocalDate(first.At))
        {
            return Failures.Invalid("receipt_code", "RECEIPT_CODE_MISMATCH",
                $"receipt_code is dated {date:yyyy-MM-dd}, but the dossier was created on {WorkingCalendar.LocalDate(first.At):yyyy-MM-dd} (local time).");
        }

        if (ReceiptCode.TryParse(line.ReceiptCode, out _, out _, out var sequence) && (sequence > MaxImportedSequence
            || line.ReceiptCode != ReceiptCode.Format(unit, date, sequence)))
        {
            return Failures.Invalid("receipt_code", "RECEIPT_CODE_INVALID",
                $"receipt_code must be written {unit}-{date:yyMMdd}-{{sequence}} with at least four digits, no extra leading zeros, and a sequence up to {MaxImportedSequence:N0}.");
        }

        if (first.AgencyCode != line.ReceivingDeskCode)
        {
            return Failures.Invalid("history[0].agency", "AGENCY_MISMATCH", "The first history entry's agency is the receiving desk: the dossier starts there.");
        }

        return CheckImportedEntry(first, "history[0]", null, now);
    }

    /// <summary>The per-kind limits of live dossiers, applied to an imported history so that the record stays within its bound.</summary>
    private static Failure? CheckImportedCounts(ImmutableArray<ImportedEntry> history)
    {
        (DossierAction Action, int Max)[] limits =
        [
            (DossierAction.RecordStep, DossierLimits.MaxSteps), (DossierAction.Transfer, DossierLimits.MaxTransfers),
            (DossierAction.RequestSupplement, DossierLimits.MaxSupplementRequests), (DossierAction.IssueApology, DossierLimits.MaxApologies),
            (DossierAction.RequestPayment, DossierLimits.MaxPaymentRequests),
        ];
        foreach (var (action, max) in limits)
        {
            if (history.Count(e => e.Action == action) > max)
            {
                return Failures.Invalid("history", "HISTORY_LIMIT_EXCEEDED", $"history has more {action} entries than a dossier may hold ({max}).");
            }
        }

        return null;
    }

    private static Failure? CheckApplicant(Applicant applicant)
    {
        if (applicant.Kind == ApplicantKind.Unspecified)
        {
            return Failures.Invalid("applicant.kind", "APPLICANT_KIND_REQUIRED", "applicant.kind is required.");
        }

        if (string.IsNullOrWhiteSpace(applicant.FullName) || applicant.FullName.Length > DossierLimits.MaxNameLength)
        {
            return Failures.Invalid("applicant.full_name", "APPLICANT_NAME_INVALID", $"applicant.full_name must be 1 to {DossierLimits.MaxNameLength} characters.");
        }

        if (string.IsNullOrWhiteSpace(applicant.IdNumber) || applicant.IdNumber.Length > MaxImportedIdLength)
        {
            return Failures.Invalid("applicant.id_number", "APPLICANT_ID_INVALID", $"applicant.id_number must be 1 to {MaxImportedIdLength} characters.");
        }

        return new[] { ("applicant.phone", applicant.Phone), ("applicant.email", applicant.Email), ("applicant.address", applicant.Address) }
            .Where(f => f.Item2.Length > DossierLimits.MaxNameLength)
            .Select(f => Failures.TooLong(f.Item1, DossierLimits.MaxNameLength))
            .FirstOrDefault();
    }

    /// <summary>An entry's own fields: its time (in order, not in the future), its unit, its actor and note.</summary>
    private Failure? CheckImportedEntry(ImportedEntry entry, string field, DateTimeOffset? previousAt, DateTimeOffset? now)
    {
        if (previousAt is { } before && entry.At < before)
        {
            return Failures.Invalid($"{field}.at", "HISTORY_OUT_OF_ORDER", $"{field}.at is before the entry above it.");
        }

        if (now is { } limit && entry.At > limit)
        {
            return Failures.Invalid($"{field}.at", "TIME_IN_FUTURE", $"{field}.at is in the future.");
        }

        if (catalog.FindAgency(entry.AgencyCode) is null)
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

        if (entry.Actor.AgencyCode.Length > 0 && catalog.FindAgency(entry.Actor.AgencyCode) is null)
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
