namespace DossierTracking.Contracts.Dossiers;

/// <summary>What every change carries: who acts, an optional note, and optionally the version the caller saw.</summary>
[GenerateSerializer, Immutable, Alias("dvc.ActionContext")]
public sealed record ActionContext
{
    /// <summary>Never prints the applicant's proof.</summary>
    public override string ToString() => $"ActionContext {{ Actor = {Actor}, ExpectedVersion = {ExpectedVersion}, proof withheld }}";

    [Id(0)] public required Actor Actor { get; init; }
    [Id(1)] public string Note { get; init; } = "";
    /// <summary>When set, the change applies only if the dossier is still at this version (optimistic concurrency).</summary>
    [Id(2)] public long? ExpectedVersion { get; init; }
    /// <summary>A portal acting for an applicant on a dossier it did not submit: the applicant's second factor.</summary>
    [Id(3)] public ApplicantProof? Proof { get; init; }

    /// <summary>
    /// Whether the dossier grain found <see cref="Proof"/> right. Only the grain that holds the dossier sets it, after
    /// counting the attempt against the dossier's guessing limit: it clears whatever a caller put here before deciding.
    /// </summary>
    [Id(4)] public bool ApplicantProven { get; init; }

    /// <summary>
    /// The caller's idempotency key, scoped to the caller (<c>{party}/{person}/{request id}</c>); empty when none was given.
    /// The dossier keeps it in the history entry of the change, so a retry finds the change it already made.
    /// </summary>
    [Id(5)] public string RequestKey { get; init; } = "";

    /// <summary>A hash of the request, to tell a retry from another request reusing the key.</summary>
    [Id(6)] public string RequestFingerprint { get; init; } = "";
}
