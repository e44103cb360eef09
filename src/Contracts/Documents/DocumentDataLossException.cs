namespace DossierTracking.Contracts.Documents;

/// <summary>A stored document is missing, or its bytes no longer match the SHA-256 taken at upload.</summary>
public sealed class DocumentDataLossException(string sha256, string problem)
    : Exception($"The stored document {sha256} {problem}.")
{
    public string Sha256 { get; } = sha256;
}
