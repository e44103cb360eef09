namespace DossierTracking.Contracts.Documents;

/// <summary>An upload longer than it may be; nothing was stored.</summary>
public sealed class DocumentTooLargeException(long maxBytes)
    : Exception($"The document is larger than the {maxBytes:N0} bytes it may have.")
{
    public long MaxBytes { get; } = maxBytes;
}
