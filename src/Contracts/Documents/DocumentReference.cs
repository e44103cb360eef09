namespace DossierTracking.Contracts.Documents;

/// <summary>
/// One paper of a dossier as the dossier keeps it: a reference to bytes stored outside the grain, by their SHA-256.
/// The dossier holds only these; the bytes live in the <see cref="IDocumentStore"/>, once per hash.
/// </summary>
[GenerateSerializer, Immutable, Alias("dvc.DocumentReference")]
public sealed record DocumentReference
{
    /// <summary>Never prints the file name, which may carry a person's name: logs (Orleans traces messages at the most detailed levels) must not.</summary>
    public override string ToString() => $"DocumentReference {{ {ComponentCode} v{Version}, {SizeBytes} bytes, {Sha256}, file name withheld }}";

    /// <summary>The paper's code in the procedure's list (<c>giay-de-nghi</c>), or the result document's code.</summary>
    [Id(0)] public required string ComponentCode { get; init; }
    /// <summary>1 for the first upload of this paper in the dossier, then 2, 3 ... (a supplement brings a new version).</summary>
    [Id(1)] public required int Version { get; init; }
    /// <summary>The name the uploader gave; shown, never trusted for the type.</summary>
    [Id(2)] public required string FileName { get; init; }
    [Id(3)] public required long SizeBytes { get; init; }
    /// <summary>SHA-256 of the bytes, 64 lower-case hexadecimal digits.</summary>
    [Id(4)] public required string Sha256 { get; init; }
    /// <summary>The type found from the bytes (<c>application/pdf</c>, <c>image/jpeg</c>, ...), not from the name.</summary>
    [Id(5)] public required string ContentType { get; init; }
    /// <summary>Who uploaded it: the party as a role name, the token's subject and the officer's unit.</summary>
    [Id(6)] public required string UploaderRole { get; init; }
    [Id(7)] public required string UploaderId { get; init; }
    [Id(8)] public string UploaderUnit { get; init; } = "";
    [Id(9)] public required DateTimeOffset UploadedAt { get; init; }
    /// <summary>The dossier version whose change attached it: a retried upload finds its reference by it.</summary>
    [Id(10)] public required long DossierVersion { get; init; }
}
