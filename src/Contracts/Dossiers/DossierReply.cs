namespace DossierTracking.Contracts.Dossiers;

/// <summary>Either the dossier after a successful (and durable) call, or the reason it was refused.</summary>
[GenerateSerializer, Immutable, Alias("dvc.DossierReply")]
public sealed record DossierReply
{
    [Id(0)] public DossierView? Dossier { get; init; }
    [Id(1)] public Failure? Failure { get; init; }

    public static DossierReply Ok(DossierView dossier) => new() { Dossier = dossier };

    public static DossierReply Fail(Failure failure) => new() { Failure = failure };
}
