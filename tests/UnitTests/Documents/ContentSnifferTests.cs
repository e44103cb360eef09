using DossierTracking.Domain.Documents;

namespace DossierTracking.UnitTests.Documents;

/// <summary>The type of a paper is told from its first bytes; the name plays no part, and anything not on the list is refused.</summary>
public sealed class ContentSnifferTests
{
    [Theory]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31, 0x2E, 0x37 }, ContentSniffer.Pdf)]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46 }, ContentSniffer.Jpeg)]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00 }, ContentSniffer.Png)]
    [InlineData(new byte[] { 0x49, 0x49, 0x2A, 0x00, 0x08, 0x00 }, ContentSniffer.Tiff)]
    [InlineData(new byte[] { 0x4D, 0x4D, 0x00, 0x2A, 0x00, 0x00 }, ContentSniffer.Tiff)]
    public void Allowed_types_are_told_from_their_signatures(byte[] head, string type) => Assert.Equal(type, ContentSniffer.Detect(head));

    [Theory]
    [InlineData(new byte[] { 0x4D, 0x5A, 0x90, 0x00 })] // a Windows program (MZ), whatever its name
    [InlineData(new byte[] { 0x7F, 0x45, 0x4C, 0x46 })] // an ELF program
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04 })] // a ZIP (also .docx)
    [InlineData(new byte[] { 0x3C, 0x68, 0x74, 0x6D, 0x6C })] // HTML
    [InlineData(new byte[] { 0x20, 0x25, 0x50, 0x44, 0x46, 0x2D })] // "%PDF-" not at the start
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46 })] // too short to be sure
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47 })] // half a PNG signature
    [InlineData(new byte[0])]
    public void Anything_else_is_not_allowed(byte[] head) => Assert.Null(ContentSniffer.Detect(head));
}
