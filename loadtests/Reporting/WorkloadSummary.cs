namespace DossierTracking.LoadTests.Reporting;

/// <summary>What the seeded workload looked like: per level, and its busiest desks and procedures.</summary>
public sealed record WorkloadSummary
{
    public required IReadOnlyList<LevelSummary> Levels { get; init; }
    public required IReadOnlyList<CodeCount> TopDesks { get; init; }
    public required IReadOnlyList<CodeCount> TopProcedures { get; init; }
    public required IReadOnlyList<string> Warnings { get; init; }
}
