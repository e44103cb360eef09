using DossierTracking.Contracts.Documents;
using DossierTracking.Contracts.Dossiers;
using DossierTracking.Domain.Documents;

namespace DossierTracking.Domain.Dossiers;

/// <summary>
/// The dossier's papers: who may upload which paper when, of what type and size. The bytes are stored elsewhere; the
/// dossier decides twice, before any byte is stored (<see cref="AdmitUpload"/>) and when the stored bytes' reference
/// is attached (<see cref="AttachDocument"/>), which is a change of the dossier like any other.
/// </summary>
public sealed partial class DossierDecider
{
    /// <summary>
    /// Whether this caller may upload this paper now; the type found from its first bytes and the most bytes it may
    /// have. <paramref name="reservedBytes"/> are promised to other uploads in flight: they count as taken, so uploads
    /// running together never pass the dossier's limit between them.
    /// </summary>
    public UploadPermit AdmitUpload(DossierRecord? dossier, ActionContext context, DocumentUpload upload, DocumentLimits limits, long reservedBytes = 0)
    {
        if ((Check(DossierAction.AttachDocument, dossier, context) ?? CheckPaper(dossier!, context, upload)) is { } failure)
        {
            return UploadPermit.Fail(failure);
        }

        var d = dossier!;
        if (d.Documents.Count >= DocumentLimits.MaxDocuments)
        {
            return UploadPermit.Fail(Failures.LimitReached("DOCUMENT_LIMIT_REACHED", $"The dossier holds {DocumentLimits.MaxDocuments} documents, the most it may have."));
        }

        var left = limits.MaxDossierBytes - d.Documents.Sum(r => r.SizeBytes) - reservedBytes;
        if (left <= 0)
        {
            return UploadPermit.Fail(DossierFull(limits));
        }

        return new UploadPermit { MaxBytes = Math.Min(limits.MaxFileBytes, left), ContentType = ContentSniffer.Detect(upload.Head)! };
    }

    /// <summary>Attaches the reference of stored bytes: the paper's next version, with its size, hash, type and uploader.</summary>
    public Decision AttachDocument(DossierRecord? dossier, ActionContext context, DocumentUpload upload, DocumentLimits limits, DateTimeOffset now,
        long reservedBytes = 0)
    {
        var permit = AdmitUpload(dossier, context, upload, limits, reservedBytes);
        if (permit.Failure is { } failure)
        {
            return failure;
        }

        if (upload.SizeBytes > limits.MaxFileBytes)
        {
            return FileTooLarge(limits);
        }

        if (upload.SizeBytes > permit.MaxBytes)
        {
            return DossierFull(limits);
        }

        if (!IsSha256(upload.Sha256))
        {
            return Failures.Invalid("sha256", "HASH_REQUIRED", "The stored document's SHA-256 (64 hexadecimal digits) is required.");
        }

        var d = dossier!;
        var version = d.Documents.Count(r => r.ComponentCode == upload.ComponentCode) + 1;
        var reference = new DocumentReference
        {
            ComponentCode = upload.ComponentCode,
            Version = version,
            FileName = upload.FileName.Trim(),
            SizeBytes = upload.SizeBytes,
            Sha256 = upload.Sha256.ToLowerInvariant(),
            ContentType = permit.ContentType,
            UploaderRole = context.Actor.Party.ToString(),
            UploaderId = context.Actor.PersonId,
            UploaderUnit = context.Actor.AgencyCode,
            UploadedAt = now,
            DossierVersion = d.Version + 1,
        };
        return Append(d with { Documents = d.Documents.Add(reference) }, DossierAction.AttachDocument, context, now, $"{upload.ComponentCode} v{version}");
    }

    /// <summary>The paper must be the procedure's (the result document for the agency), well named, and of an allowed type.</summary>
    private Failure? CheckPaper(DossierRecord dossier, ActionContext context, DocumentUpload upload)
    {
        var isResult = upload.ComponentCode == DocumentLimits.ResultComponentCode;
        var byAgency = context.Actor.Party is Party.AgencyOfficer;
        if (isResult != byAgency)
        {
            return Failures.Invalid("component_code", "COMPONENT_NOT_ALLOWED", byAgency
                ? $"An agency attaches the result document only (component_code {DocumentLimits.ResultComponentCode}); the applicant's papers come from the portal or the desk."
                : $"The result document ({DocumentLimits.ResultComponentCode}) is attached by the competent agency.");
        }

        if (!isResult && ProcedureOf(dossier)?.Components.Any(c => c.Code == upload.ComponentCode) != true)
        {
            return Failures.Invalid("component_code", "UNKNOWN_COMPONENT",
                $"Procedure {dossier.ProcedureCode} lists no paper {upload.ComponentCode}; the catalogue (GetProcedure) lists its papers' codes.");
        }

        var name = upload.FileName.Trim();
        // Format characters (right-to-left overrides, zero-width spaces) would show an officer another name than the file's.
        if (name.Length == 0 || name.Length > DocumentLimits.MaxFileNameLength
            || name.Any(c => char.IsControl(c) || c is '/' or '\\' || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format))
        {
            return Failures.Invalid("file_name", "INVALID_FILE_NAME",
                $"file_name is 1-{DocumentLimits.MaxFileNameLength} characters, without control or formatting characters or path separators.");
        }

        return ContentSniffer.Detect(upload.Head) is null
            ? Failures.Invalid("content", "CONTENT_TYPE_NOT_ALLOWED",
                $"The file's bytes are not of an allowed type ({string.Join(", ", ContentSniffer.Allowed)}); the type is told from the content, not the name.")
            : null;
    }

    private static Failure FileTooLarge(DocumentLimits limits) =>
        Failures.LimitReached("FILE_TOO_LARGE", $"A document may have at most {limits.MaxFileBytes:N0} bytes.");

    private static Failure DossierFull(DocumentLimits limits) =>
        Failures.LimitReached("DOSSIER_DOCUMENTS_FULL", $"The papers of one dossier may have at most {limits.MaxDossierBytes:N0} bytes together.");
}
