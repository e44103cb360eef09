namespace DossierTracking.Contracts.Documents;

/// <summary>
/// The bytes of documents, outside the grains, addressed by their SHA-256 and stored once per hash. A put is durable
/// before it returns. A read checks the whole blob's size and hash before it yields a byte, so a missing or altered
/// blob is <see cref="DocumentDataLossException"/> and never a wrong byte.
/// </summary>
public interface IDocumentStore
{
    /// <summary>Reads <paramref name="content"/> to its end, hashing as it goes, and stores it unless those bytes are stored already.</summary>
    /// <exception cref="DocumentTooLargeException">The content is longer than <paramref name="maxBytes"/>: nothing is stored.</exception>
    Task<StoredBlob> PutAsync(Stream content, long maxBytes, CancellationToken cancellationToken);

    /// <summary>
    /// The bytes <paramref name="offset"/> to <paramref name="offset"/> + <paramref name="length"/> of the blob, in pieces
    /// of at most <see cref="ReadPieceBytes"/>, after the whole blob was checked against its size and hash. A piece is
    /// valid only until the next is asked for.
    /// </summary>
    /// <exception cref="DocumentDataLossException">The blob is missing, or its bytes are not those hashed at upload (before any piece).</exception>
    IAsyncEnumerable<ReadOnlyMemory<byte>> ReadAsync(string sha256, long sizeBytes, long offset, long length, CancellationToken cancellationToken);

    /// <summary>The largest piece a read yields.</summary>
    public const int ReadPieceBytes = 64 * 1024;
}
