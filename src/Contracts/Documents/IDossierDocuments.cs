using DossierTracking.Contracts.Dossiers;

namespace DossierTracking.Contracts.Documents;

/// <summary>
/// The papers of one dossier, on the dossier's own grain (keyed by receipt code, the same activation as
/// <see cref="IDossierGrain"/>). The bytes are stored by the caller in the <see cref="IDocumentStore"/> between the two
/// calls; the dossier keeps only the reference, and decides both times.
/// </summary>
[Alias("dvc.IDossierDocuments")]
public interface IDossierDocuments : IGrainWithStringKey
{
    /// <summary>Before the bytes: whether this caller may upload this paper to this dossier now, its type, and the most bytes it may have.</summary>
    [Alias("PrepareUpload")] Task<UploadPermit> PrepareUploadAsync(ActionContext context, DocumentUpload upload);

    /// <summary>After the bytes are stored: attaches the reference (a change of the dossier, idempotent by the request key).</summary>
    [Alias("AttachDocument")] Task<AttachReply> AttachDocumentAsync(ActionContext context, DocumentUpload upload);
}
