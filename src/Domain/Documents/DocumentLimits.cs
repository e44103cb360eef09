namespace DossierTracking.Domain.Documents;

/// <summary>The size limits of papers, from the settings (<c>Documents:MaxFileBytes</c>, <c>Documents:MaxDossierBytes</c>).</summary>
public sealed record DocumentLimits(long MaxFileBytes, long MaxDossierBytes)
{
    /// <summary>
    /// The most papers (every version counted) one dossier holds. A construction permit, among the largest dossiers,
    /// has 30-40 papers; each of the at most 3 supplement requests brings new versions of the few it names, and the
    /// agency adds the result document (and perhaps a corrected one): 60 covers that with room. Each paper costs the
    /// stored record up to about 1.1 KB (its reference and its history entry, every text at its longest), and the
    /// whole record must stay under its bound (unit test <c>A_dossier_filled_to_every_limit_stays_small</c>): 100
    /// papers did not fit.
    /// </summary>
    public const int MaxDocuments = 60;

    /// <summary>
    /// The longest file name kept. The longest official paper names run to about 90 characters ("Giấy chứng nhận
    /// quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với đất.pdf"), about 115 with a note such as
    /// "Bản sao ... (có chứng thực)"; a scanner or camera names files in 20-30. Each character may take 3 bytes in every
    /// stored reference, so the limit is not larger than a real name needs. A longer name is refused
    /// (<c>INVALID_FILE_NAME</c>, field <c>file_name</c>), before any byte is stored.
    /// </summary>
    public const int MaxFileNameLength = 120;

    /// <summary>The code under which the competent agency attaches the result document (not a paper of the procedure's list).</summary>
    public const string ResultComponentCode = "ket-qua";
}
