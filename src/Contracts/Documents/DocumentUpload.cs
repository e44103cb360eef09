namespace DossierTracking.Contracts.Documents;

/// <summary>
/// An upload as the dossier judges it: the paper, the name given, the first bytes (the type is found from them), and,
/// once the bytes are stored, their size and hash.
/// </summary>
[GenerateSerializer, Immutable, Alias("dvc.DocumentUpload")]
public sealed record DocumentUpload
{
    /// <summary>Never prints the file name, which may carry a person's name.</summary>
    public override string ToString() => $"DocumentUpload {{ {ComponentCode}, {SizeBytes} bytes, {Sha256}, file name withheld }}";

    [Id(0)] public required string ComponentCode { get; init; }
    [Id(1)] public required string FileName { get; init; }
    /// <summary>The first bytes of the file (up to <see cref="HeadLength"/>), from which the content type is found.</summary>
    [Id(2)] public required byte[] Head { get; init; }
    /// <summary>The stored size; 0 before the bytes are stored.</summary>
    [Id(3)] public long SizeBytes { get; init; }
    /// <summary>The stored bytes' SHA-256; empty before the bytes are stored.</summary>
    [Id(4)] public string Sha256 { get; init; } = "";

    /// <summary>How many leading bytes are enough to tell every allowed type.</summary>
    public const int HeadLength = 16;
}
