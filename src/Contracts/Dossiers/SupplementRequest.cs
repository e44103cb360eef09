namespace DossierTracking.Contracts.Dossiers;

/// <summary>What the agency asks the applicant to supply, and by when.</summary>
[GenerateSerializer, Immutable, Alias("dvc.SupplementRequest")]
public sealed record SupplementRequest
{
    [Id(0)] public required IReadOnlyList<string> MissingItems { get; init; }
    [Id(1)] public required string Reason { get; init; }
    [Id(2)] public required DateTimeOffset Deadline { get; init; }
    /// <summary>The missing papers by their codes in the procedure's list; receiving the supplement needs a new version of each.</summary>
    [Id(3)] public IReadOnlyList<string> MissingComponents { get; init; } = [];
}
