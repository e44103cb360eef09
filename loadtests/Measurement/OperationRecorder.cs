using HdrHistogram;

namespace DossierTracking.LoadTests.Measurement;

/// <summary>
/// One worker's record of one operation: a latency histogram in microseconds and failures by kind. Each worker owns
/// its recorders, so recording takes no lock; they are merged when the phase ends.
/// </summary>
public sealed class OperationRecorder
{
    /// <summary>Anything slower is recorded as this: a minute is already far past any deadline the test cares about.</summary>
    public const long HighestMicroseconds = 60_000_000;

    /// <summary>Three significant digits: 0.1 % resolution at every magnitude, the usual choice for latency.</summary>
    public const int SignificantDigits = 3;

    private readonly Dictionary<string, long> errors = new(StringComparer.Ordinal);

    /// <param name="trackLatency">False during warm-up: those calls are counted but their latencies are not kept.</param>
    public OperationRecorder(bool trackLatency)
    {
        Latency = trackLatency ? NewHistogram() : null;
    }

    public LongHistogram? Latency { get; }

    /// <summary>Calls made, successful or not.</summary>
    public long Calls { get; private set; }

    public IReadOnlyDictionary<string, long> Errors => errors;

    public static LongHistogram NewHistogram() => new(1, HighestMicroseconds, SignificantDigits);

    public void RecordSuccess(TimeSpan elapsed)
    {
        Calls++;
        Latency?.RecordValue(Math.Clamp(elapsed.Ticks / TimeSpan.TicksPerMicrosecond, 0, HighestMicroseconds));
    }

    public void RecordFailure(string kind)
    {
        Calls++;
        AddError(kind);
    }

    /// <summary>A call that succeeded but left the dossier in the wrong state: an error without another call.</summary>
    public void RecordProblem(string kind) => AddError(kind);

    private void AddError(string kind) => errors[kind] = errors.GetValueOrDefault(kind) + 1;
}
