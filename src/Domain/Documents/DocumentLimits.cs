namespace DossierTracking.Domain.Documents;

/// <summary>The size limits of papers, from the settings (<c>Documents:MaxFileBytes</c>, <c>Documents:MaxDossierBytes</c>).</summary>
public sealed record DocumentLimits(long MaxFileBytes, long MaxDossierBytes)
{
    /// <summary>The most papers (every version counted) one dossier holds: the record keeps a reference of about 250 bytes each.</summary>
    public const int MaxDocuments = 100;

    /// <summary>The longest file name kept.</summary>
    public const int MaxFileNameLength = 200;

    /// <summary>The code under which the competent agency attaches the result document (not a paper of the procedure's list).</summary>
    public const string ResultComponentCode = "ket-qua";
}
