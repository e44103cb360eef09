namespace DossierTracking.Contracts.Documents;

/// <summary>Bytes stored in the <see cref="IDocumentStore"/>: their SHA-256 (lower-case hex), size, and whether this put wrote them (false: already stored).</summary>
public sealed record StoredBlob(string Sha256, long SizeBytes, bool Written);
