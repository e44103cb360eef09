using DossierTracking.Contracts.Dossiers;
using DossierTracking.Domain.Documents;
using static DossierTracking.Contracts.Dossiers.DossierState;

namespace DossierTracking.Domain.Dossiers;

/// <summary>Results: recorded, returned to the applicant, rated; a new lookup PIN.</summary>
public sealed partial class DossierDecider
{
    public Decision RecordResult(DossierRecord? dossier, ActionContext context, ResultKind result, string documentRef, DateTimeOffset now)
    {
        if (Check(DossierAction.RecordResult, dossier, context) is { } failure)
        {
            return failure;
        }

        var d = dossier!;
        if (result == ResultKind.Unspecified)
        {
            return Failures.Invalid("result", "RESULT_REQUIRED", "Say whether the result approves or refuses the request.");
        }

        if (documentRef.Length > DossierLimits.MaxNameLength)
        {
            return Failures.TooLong("document_ref", DossierLimits.MaxNameLength);
        }

        if (d.CurrentAgencyCode != d.HandlingAgencyCode)
        {
            return Failures.Precondition(d.State, "AT_COORDINATING_AGENCY", $"The dossier is at coordinating agency {d.CurrentAgencyCode}; it must come back first.");
        }

        var ready = d with
        {
            State = ResultReady,
            Result = result,
            ResultDocumentRef = documentRef,
            FinishedAt = now,
            CurrentAgencyCode = d.ReceivingDeskCode,
            AssigneeId = "",
            AssigneeName = "",
        };
        return Append(ready, DossierAction.RecordResult, context, now);
    }

    public Decision ReturnResult(DossierRecord? dossier, ActionContext context, ReturnMethod method, DateTimeOffset now, string documentHash = "")
    {
        if (Check(DossierAction.ReturnResult, dossier, context) is { } failure)
        {
            return failure;
        }

        if (method == ReturnMethod.Unspecified)
        {
            return Failures.Invalid("method", "METHOD_REQUIRED", "Say how the result was handed over: in person, online or by post.");
        }

        // Online, the result document attached to the dossier (DocumentService, paper ket-qua) is what the applicant
        // downloads: its hash is taken when none is given, and a hash given must be one of them.
        var results = dossier!.Documents.FindAll(r => r.ComponentCode == DocumentLimits.ResultComponentCode);
        if (method == ReturnMethod.Online && documentHash.Length == 0 && results.Count > 0)
        {
            documentHash = results[^1].Sha256;
        }

        if (method == ReturnMethod.Online && results.Count > 0 && !results.Exists(r => string.Equals(r.Sha256, documentHash, StringComparison.OrdinalIgnoreCase)))
        {
            return Failures.Invalid("document_hash", "HASH_MISMATCH",
                "document_hash is not the SHA-256 of a result document attached to the dossier; leave it empty to return the latest one.");
        }

        if (method == ReturnMethod.Online && !IsSha256(documentHash))
        {
            return Failures.Invalid("document_hash", "HASH_REQUIRED", "document_hash is required for a result returned online: the SHA-256 of the result document, 64 hexadecimal digits.");
        }

        var returned = dossier! with
        {
            State = ResultReturned,
            ReturnedAt = now,
            ReturnMethod = method,
            ResultDocumentHash = method == ReturnMethod.Online ? documentHash.ToLowerInvariant() : "",
        };
        return Append(returned, DossierAction.ReturnResult, context, now);
    }

    private static bool IsSha256(string text) => text.Length == 64 && text.All(char.IsAsciiHexDigit);

    /// <summary>
    /// The applicant's rating, once, after the result was returned: through the portal, or at the desk's kiosk.
    /// It changes no state; it is recorded in the history and counted in the agency's figures.
    /// </summary>
    public Decision Rate(DossierRecord? dossier, ActionContext context, Satisfaction level, string comment, DateTimeOffset now)
    {
        if (Check(DossierAction.Rate, dossier, context) is { } failure)
        {
            return failure;
        }

        if (level is not (Satisfaction.VerySatisfied or Satisfaction.Satisfied or Satisfaction.NotSatisfied))
        {
            return Failures.Invalid("satisfaction", "SATISFACTION_REQUIRED", "satisfaction is VERY_SATISFIED, SATISFIED or NOT_SATISFIED.");
        }

        if (comment.Length > DossierLimits.MaxNoteLength)
        {
            return Failures.TooLong("comment", DossierLimits.MaxNoteLength);
        }

        var d = dossier!;
        if (d.Rating is not null)
        {
            return Failures.Precondition(d.State, "ALREADY_RATED", $"The dossier was already rated on {d.Rating.At:yyyy-MM-dd}; a rating is given once.");
        }

        return Append(d with { Rating = new SatisfactionRating { Level = level, Comment = comment, At = now } }, DossierAction.Rate, context, now,
            detail: level.ToString());
    }

    /// <summary>
    /// A new lookup PIN for an applicant who lost theirs (the old one stops working). The PIN itself is the grain's to
    /// draw and to hand out once; the record keeps its hash and the history says when and by whom it was issued.
    /// </summary>
    public Decision IssueLookupPin(DossierRecord? dossier, ActionContext context, string lookupPinHash, DateTimeOffset now)
    {
        if (Check(DossierAction.LookupPinIssued, dossier, context) is { } failure)
        {
            return failure;
        }

        if (Count(dossier!, DossierAction.LookupPinIssued) >= DossierLimits.MaxPinReissues)
        {
            return Failures.LimitReached("PIN_LIMIT_REACHED", $"A new lookup PIN was already issued {DossierLimits.MaxPinReissues} times for this dossier.");
        }

        return Append(dossier! with { LookupPinHash = lookupPinHash }, DossierAction.LookupPinIssued, context, now, "New lookup PIN issued");
    }
}
