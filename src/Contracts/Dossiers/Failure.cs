namespace DossierTracking.Contracts.Dossiers;

/// <summary>A refusal that changed nothing. <see cref="Reason"/> is a stable UPPER_SNAKE code clients may branch on.</summary>
[GenerateSerializer, Immutable, Alias("dvc.Failure")]
public sealed record Failure
{
    [Id(0)] public required FailureKind Kind { get; init; }
    [Id(1)] public required string Reason { get; init; }
    [Id(2)] public required string Message { get; init; }
    /// <summary>The request field at fault, for invalid arguments.</summary>
    [Id(3)] public string? Field { get; init; }
    /// <summary>The dossier's state when the request was refused, for illegal transitions.</summary>
    [Id(4)] public DossierState? CurrentState { get; init; }
}
