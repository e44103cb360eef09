namespace DossierTracking.Contracts.ReferenceData;

/// <summary>One published version of a kind of reference data: who put it in the table and when, and its content's hash.</summary>
/// <param name="Sha256">SHA-256 of the content's UTF-8 bytes, lower-case hex.</param>
/// <param name="PublishedBy">The publishing administrator's subject; <c>seed</c> for version 1 written from the shipped file.</param>
public sealed record ReferenceDataVersion(ReferenceDataKind Kind, long Version, DateTimeOffset PublishedAt, string PublishedBy, string Sha256)
{
    /// <summary>The province a catalogue version is of (H49); empty for the calendar, which is national.</summary>
    public string Province { get; init; } = "";
}
