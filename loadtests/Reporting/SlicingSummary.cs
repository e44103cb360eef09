using DossierTracking.LoadTests.Configuration;
using DossierTracking.LoadTests.Measurement;

namespace DossierTracking.LoadTests.Reporting;

/// <summary>
/// How the ceilings and their targets were measured: each operation's measured time in alternating slices, after a
/// full warm-up before its first slice and a short refill before each later one.
/// </summary>
public sealed record SlicingSummary
{
    public required int Slices { get; init; }
    public required double SliceSeconds { get; init; }
    public required int WarmupSeconds { get; init; }
    public required double RefillSeconds { get; init; }

    public static SlicingSummary Of(LoadTestOptions options) => new()
    {
        Slices = options.Slices,
        SliceSeconds = options.SliceLength.TotalSeconds,
        WarmupSeconds = options.WarmupSeconds,
        RefillSeconds = AlternatingSlices.Refill.TotalSeconds,
    };
}
