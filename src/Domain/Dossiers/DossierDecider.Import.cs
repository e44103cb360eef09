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

    /// <summary>The request id an imported dossier carries: its source and source id (the key of idempotency).</summary>
    public static string ImportRequestId(string source, string sourceId) => $"import:{source}/{sourceId}";

    /// <summary>Checks an imported dossier and builds its record; <paramref name="now"/> is the time of the import.</summary>
    public Decision Import(ImportedDossier line, string source, DateTimeOffset now)
    {
        if ((CheckImportHead(line, now) ?? CheckImportedCounts(line.History)) is { } headFailure)
        {
            return headFailure;
        }

        var procedure = provinces.FindProcedure(line.ReceivingDeskCode, line.ProcedureCode)!;
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
            if (CheckImportedEntry(line.ReceivingDeskCode, entry, field, line.History[i - 1].At, now) is { } entryFailure)
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

        return CheckImportedEntry(line.ReceivingDeskCode, first, "history[0]", null, now);
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
}
