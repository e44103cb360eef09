namespace DossierTracking.Contracts.Dossiers;

/// <summary>How satisfied the applicant was with the handling (đánh giá mức độ hài lòng).</summary>
[GenerateSerializer, Alias("dvc.Satisfaction")]
public enum Satisfaction
{
    Unspecified = 0,
    VerySatisfied = 1,
    Satisfied = 2,
    NotSatisfied = 3,
}

/// <summary>The applicant's one rating of a dossier whose result was returned.</summary>
[GenerateSerializer, Immutable, Alias("dvc.SatisfactionRating")]
public sealed record SatisfactionRating
{
    [Id(0)] public required Satisfaction Level { get; init; }
    [Id(1)] public string Comment { get; init; } = "";
    [Id(2)] public required DateTimeOffset At { get; init; }
}
