namespace DossierTracking.Contracts.Dossiers;

/// <summary>What every change carries: who acts, an optional note, and optionally the version the caller saw.</summary>
[GenerateSerializer, Immutable, Alias("dvc.ActionContext")]
public sealed record ActionContext
{
    [Id(0)] public required Actor Actor { get; init; }
    [Id(1)] public string Note { get; init; } = "";
    /// <summary>When set, the change applies only if the dossier is still at this version (optimistic concurrency).</summary>
    [Id(2)] public long? ExpectedVersion { get; init; }
}
