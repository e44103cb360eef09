using HdrHistogram;

namespace DossierTracking.LoadTests.Measurement;

/// <summary>One operation's measured calls in one phase, merged over all workers.</summary>
public sealed class OperationStats(string name)
{
    private readonly SortedDictionary<string, long> errors = new(StringComparer.Ordinal);

    public string Name { get; } = name;

    /// <summary>Latencies of the successful calls, in microseconds.</summary>
    public LongHistogram Latency { get; } = OperationRecorder.NewHistogram();

    public long Calls { get; private set; }

    public long ErrorCount => errors.Values.Sum();

    public long Succeeded => Latency.TotalCount;

    public IReadOnlyDictionary<string, long> Errors => errors;

    public void Add(OperationRecorder recorder)
    {
        Calls += recorder.Calls;
        if (recorder.Latency is { } latency)
        {
            Latency.Add(latency);
        }

        foreach (var (kind, count) in recorder.Errors)
        {
            errors[kind] = errors.GetValueOrDefault(kind) + count;
        }
    }

    public void Add(OperationStats other)
    {
        Calls += other.Calls;
        Latency.Add(other.Latency);
        foreach (var (kind, count) in other.Errors)
        {
            errors[kind] = errors.GetValueOrDefault(kind) + count;
        }
    }

    /// <summary>The latency at a percentile in milliseconds, or null when no call succeeded.</summary>
    public double? PercentileMs(double percentile) =>
        Succeeded == 0 ? null : Latency.GetValueAtPercentile(percentile) / 1000.0;

    public double? MaxMs => Succeeded == 0 ? null : Latency.GetMaxValue() / 1000.0;

    public double? MeanMs => Succeeded == 0 ? null : Latency.GetMean() / 1000.0;
}
