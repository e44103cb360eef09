namespace DossierTracking.Contracts.Dossiers;

/// <summary>A time during which the deadline clock did not run for the agency.</summary>
[GenerateSerializer, Immutable, Alias("dvc.PauseInterval")]
public sealed record PauseInterval
{
    [Id(0)] public required DossierState Reason { get; init; }
    [Id(1)] public required DateTimeOffset StartedAt { get; init; }
    [Id(2)] public DateTimeOffset? EndedAt { get; init; }
    /// <summary>Working time added to the due date when the pause ended (pause policy), zero under the restart policy.</summary>
    [Id(3)] public TimeSpan WorkingTimeAdded { get; init; }
    /// <summary>The due date in force before the pause ended.</summary>
    [Id(4)] public DateTimeOffset? DueAtBefore { get; init; }
    /// <summary>The due date set when the pause ended.</summary>
    [Id(5)] public DateTimeOffset? DueAtAfter { get; init; }
}
