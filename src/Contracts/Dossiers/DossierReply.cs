namespace DossierTracking.Contracts.Dossiers;

/// <summary>Either the dossier after a successful (and durable) call, or the reason it was refused.</summary>
[GenerateSerializer, Immutable, Alias("dvc.DossierReply")]
public sealed record DossierReply
{
    /// <summary>Never prints the PIN.</summary>
    public override string ToString() => $"DossierReply {{ Dossier = {Dossier}, Failure = {Failure}, pin withheld }}";

    [Id(0)] public DossierView? Dossier { get; init; }
    [Id(1)] public Failure? Failure { get; init; }
    /// <summary>
    /// The lookup PIN this call issued (creation, or a new PIN), in clear this once: the dossier keeps only its hash.
    /// Empty on every other answer, a retried creation included.
    /// </summary>
    [Id(2)] public string LookupPin { get; init; } = "";

    public static DossierReply Ok(DossierView dossier) => new() { Dossier = dossier };

    public static DossierReply Fail(Failure failure) => new() { Failure = failure };
}
