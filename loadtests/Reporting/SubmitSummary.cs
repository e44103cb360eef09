namespace DossierTracking.LoadTests.Reporting;

/// <summary>
/// The submit phase as a whole: how many of the planned dossiers were accepted, how long it took and at what rate.
/// The target is a share of the raw upsert's rate on the same machine (see <see cref="TargetEvaluator"/>); the wall
/// time is kept as information, since it depends on the machine.
/// </summary>
public sealed record SubmitSummary
{
    public required int Planned { get; init; }
    public required int Accepted { get; init; }
    public required double WallSeconds { get; init; }

    public bool AllAccepted => Accepted == Planned;

    /// <summary>Accepted submissions per second over the whole phase, cold start included.</summary>
    public double? RatePerSecond => WallSeconds > 0 ? Accepted / WallSeconds : null;
}
