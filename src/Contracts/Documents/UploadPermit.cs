using DossierTracking.Contracts.Dossiers;

namespace DossierTracking.Contracts.Documents;

/// <summary>The dossier's answer before any byte is stored: may this caller upload this paper, and how many bytes at most.</summary>
[GenerateSerializer, Immutable, Alias("dvc.UploadPermit")]
public sealed record UploadPermit
{
    [Id(0)] public Failure? Failure { get; init; }
    /// <summary>The most bytes this file may have: the per-file limit, or what the dossier has left if less.</summary>
    [Id(1)] public long MaxBytes { get; init; }
    /// <summary>The content type found from the first bytes.</summary>
    [Id(2)] public string ContentType { get; init; } = "";
    /// <summary>
    /// Set when the request id was already used for an attached upload: the reference it attached. The bytes sent
    /// again are hashed, not stored, and the attach answers the first upload or refuses the reuse.
    /// </summary>
    [Id(3)] public DocumentReference? Retry { get; init; }

    public static UploadPermit Fail(Failure failure) => new() { Failure = failure };
}
