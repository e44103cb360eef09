using System.Diagnostics.Metrics;
using DossierTracking.Contracts;

namespace DossierTracking.Grains.Streams;

/// <summary>The change stream's lag, on the meter <see cref="DomainMeter.Name"/>, beside the change relay's.</summary>
public sealed class ChangeStreamMetrics
{
    public const string LagInstrument = "dvc.stream.lag";

    private readonly Histogram<double> _lag;

    public ChangeStreamMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(DomainMeter.Name);
        _lag = meter.CreateHistogram<double>(LagInstrument, "s",
            "Time from a change's commit (its time in the change feed) until the change stream's tap received it.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.05, 0.1, 0.25, 0.5, 1, 1.5, 2, 3, 5, 10, 30, 60, 300] });
    }

    public void Received(TimeSpan lag) => _lag.Record(Math.Max(0, lag.TotalSeconds));
}
