using DossierTracking.Contracts.Dossiers;

namespace DossierTracking.Contracts.Documents;

/// <summary>The answer to attaching a stored document: its reference and the dossier's version, or the refusal.</summary>
[GenerateSerializer, Immutable, Alias("dvc.AttachReply")]
public sealed record AttachReply
{
    [Id(0)] public Failure? Failure { get; init; }
    [Id(1)] public DocumentReference? Document { get; init; }
    [Id(2)] public long DossierVersion { get; init; }

    public static AttachReply Fail(Failure failure) => new() { Failure = failure };
}
