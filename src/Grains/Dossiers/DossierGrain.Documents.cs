using DossierTracking.Contracts.Documents;
using DossierTracking.Contracts.Dossiers;
using DossierTracking.Domain.Documents;
using DossierTracking.Domain.Dossiers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DossierTracking.Grains.Dossiers;

/// <summary>
/// The dossier's papers: the grain keeps only their references. The caller stores the bytes between the two calls;
/// an upload that fails half-way therefore attaches nothing (the bytes may stay stored, unreferenced).
/// </summary>
public sealed partial class DossierGrain : IDossierDocuments
{
    private DocumentLimits? _documentLimits;

    /// <summary>The settings' limits, read on first use (resolved here so the grain's constructor stays as it is).</summary>
    private DocumentLimits Limits => _documentLimits ??= LimitsOf(ServiceProvider.GetRequiredService<IOptions<DocumentOptions>>().Value);

    private static DocumentLimits LimitsOf(DocumentOptions options) => new(options.MaxFileBytes, options.MaxDossierBytes);

    public async Task<UploadPermit> PrepareUploadAsync(ActionContext context, DocumentUpload upload)
    {
        await Load();
        var dossier = _slot.Value.Dossier;
        if (dossier is not null && context.RequestKey.Length > 0 && dossier.History.Exists(h => h.RequestKey == context.RequestKey))
        {
            // A retry of an upload already attached (or a reused request id): let the bytes come again (they are stored
            // once); the attach, which knows their hash, answers the first upload or refuses the reuse.
            return new UploadPermit { MaxBytes = Limits.MaxFileBytes, ContentType = ContentSniffer.Detect(upload.Head) ?? "" };
        }

        var permit = decider.AdmitUpload(dossier, context with { ApplicantProven = false }, upload, Limits);
        if (permit.Failure is { } failure)
        {
            ReleaseIfMissing(failure);
        }

        return permit;
    }

    public async Task<AttachReply> AttachDocumentAsync(ActionContext context, DocumentUpload upload)
    {
        var (reply, _) = await ChangeAsync(context, (d, c) => decider.AttachDocument(d, c, upload, Limits, Now()));
        if (reply.Failure is { } failure)
        {
            return AttachReply.Fail(failure);
        }

        // The change made now, or by the first attempt of this request: its history entry names the dossier version.
        var dossier = _slot.Value.Dossier!;
        var version = context.RequestKey.Length > 0 && dossier.History.FindLast(h => h.RequestKey == context.RequestKey) is { } entry
            ? entry.Version
            : dossier.Version;
        return new AttachReply { Document = dossier.Documents.Find(r => r.DossierVersion == version), DossierVersion = dossier.Version };
    }
}
