using System.Diagnostics.Metrics;
using DossierTracking.Contracts;

namespace DossierTracking.Silo.Feed;

/// <summary>The change feed's instrument on the meter <see cref="DomainMeter.Name"/> (PostgreSQL: the sequencer's lag).</summary>
public sealed class ChangeFeedMetrics
{
    /// <summary>The sequencer's lag: read by exporters and by the province page.</summary>
    public const string LagInstrument = "dvc.feed.lag";

    private readonly Histogram<double> _lag;

    public ChangeFeedMetrics(IMeterFactory meters)
    {
        _lag = meters.Create(DomainMeter.Name).CreateHistogram<double>(LagInstrument, "s",
            "PostgreSQL: for each move of the change feed's sequencer, the time from the commit of the oldest change it moved until "
            + "that change got its position (by the database clock). Changes are readable in the feed from then on.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.05, 0.1, 0.2, 0.3, 0.5, 1, 2, 5, 10, 30, 60] });
    }

    public bool Enabled => _lag.Enabled;

    public void Moved(double lagSeconds) => _lag.Record(Math.Max(0, lagSeconds));
}
