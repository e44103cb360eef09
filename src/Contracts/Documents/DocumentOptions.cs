namespace DossierTracking.Contracts.Documents;

/// <summary>
/// Limits of uploaded papers. Section <c>Documents</c>. A scanned A4 page is 100-500 KB as a PDF at 200-300 dpi, so
/// the defaults take a 40-200 page file and a dossier of several such files.
/// </summary>
public sealed class DocumentOptions
{
    public const string Section = "Documents";

    /// <summary>The largest file: 20 MiB.</summary>
    public long MaxFileBytes { get; set; } = 20L * 1024 * 1024;

    /// <summary>The most bytes of all the papers of one dossier together, every version counted: 100 MiB.</summary>
    public long MaxDossierBytes { get; set; } = 100L * 1024 * 1024;

    /// <summary>How long one upload or download may take, start to end: 10 minutes (20 MiB at 280 kbit/s).</summary>
    public TimeSpan TransferTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Uploads and downloads one caller may have running at once on a silo (a token's subject; an anonymous caller's address).</summary>
    public int MaxTransfersPerCaller { get; set; } = 4;
}
