namespace DossierTracking.Domain.Documents;

/// <summary>
/// The allow-list of document types, told from the first bytes (their signatures), never from the file name or a
/// type the client claims: a program renamed <c>scan.pdf</c> is still a program. Scans arrive as PDF, JPEG, PNG or TIFF.
/// </summary>
public static class ContentSniffer
{
    public const string Pdf = "application/pdf";
    public const string Jpeg = "image/jpeg";
    public const string Png = "image/png";
    public const string Tiff = "image/tiff";

    /// <summary>The types accepted, for messages and the README.</summary>
    public static IReadOnlyList<string> Allowed { get; } = [Pdf, Jpeg, Png, Tiff];

    private static ReadOnlySpan<byte> PdfMagic => "%PDF-"u8;
    private static ReadOnlySpan<byte> JpegMagic => [0xFF, 0xD8, 0xFF];
    private static ReadOnlySpan<byte> PngMagic => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static ReadOnlySpan<byte> TiffLittleEndian => [0x49, 0x49, 0x2A, 0x00];
    private static ReadOnlySpan<byte> TiffBigEndian => [0x4D, 0x4D, 0x00, 0x2A];

    /// <summary>The allowed type these first bytes begin, or null when they begin none of them (or are too few).</summary>
    public static string? Detect(ReadOnlySpan<byte> head) =>
        head.StartsWith(PdfMagic) ? Pdf
        : head.StartsWith(JpegMagic) ? Jpeg
        : head.StartsWith(PngMagic) ? Png
        : head.StartsWith(TiffLittleEndian) || head.StartsWith(TiffBigEndian) ? Tiff
        : null;
}
