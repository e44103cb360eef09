namespace DossierTracking.LoadTests.Reporting;

/// <summary>Whether the submit phase met "all accepted within 4 minutes".</summary>
public sealed record SubmitSummary
{
    public static readonly TimeSpan Limit = TimeSpan.FromMinutes(4);

    public required int Planned { get; init; }
    public required int Accepted { get; init; }
    public required double WallSeconds { get; init; }

    public bool AllAcceptedWithinLimit => Accepted == Planned && WallSeconds <= Limit.TotalSeconds;
}
