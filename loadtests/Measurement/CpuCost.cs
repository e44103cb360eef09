namespace DossierTracking.LoadTests.Measurement;

/// <summary>
/// Server CPU spent over a measured window (or several, summed), by each source, and the calls it is divided by;
/// /proc is preferred where present. The totals are kept rather than the per-call figures so windows can be added.
/// </summary>
public sealed record CpuCost(double? StatsMilliseconds, double? ProcMilliseconds, long Calls)
{
    public double? StatsMicrosPerCall => PerCall(StatsMilliseconds);

    public double? ProcMicrosPerCall => PerCall(ProcMilliseconds);

    public double? MicrosPerCall => ProcMicrosPerCall ?? StatsMicrosPerCall;

    public double CpuSeconds => (ProcMilliseconds ?? StatsMilliseconds ?? 0) / 1000.0;

    public string Source => ProcMicrosPerCall is not null ? "/proc" : StatsMicrosPerCall is not null ? "GetStats" : "none";

    public static CpuCost? Between(CpuSample start, CpuSample end, long calls)
    {
        double? statsMs = start.StatsCpuMs is { } a && end.StatsCpuMs is { } b ? b - a : null;
        double? procMs = start.ProcTicks is { } c && end.ProcTicks is { } d ? ProcStat.TicksToMilliseconds(d - c) : null;
        return statsMs is null && procMs is null ? null : new CpuCost(statsMs, procMs, calls);
    }

    /// <summary>
    /// The CPU of several windows over the calls of all of them. A source missing in any window is left out: its
    /// total would cover only some of the calls it is divided by.
    /// </summary>
    public static CpuCost? Sum(IReadOnlyCollection<CpuCost?> windows)
    {
        if (windows.Count == 0 || windows.Any(w => w is null))
        {
            return null;
        }

        var parts = windows.Select(w => w!).ToArray();
        double? statsMs = parts.All(p => p.StatsMilliseconds is not null) ? parts.Sum(p => p.StatsMilliseconds!.Value) : null;
        double? procMs = parts.All(p => p.ProcMilliseconds is not null) ? parts.Sum(p => p.ProcMilliseconds!.Value) : null;
        return statsMs is null && procMs is null ? null : new CpuCost(statsMs, procMs, parts.Sum(p => p.Calls));
    }

    private double? PerCall(double? milliseconds) =>
        milliseconds is { } ms && Calls > 0 ? ms * 1000.0 / Calls : null;
}
