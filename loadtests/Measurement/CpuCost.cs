namespace DossierTracking.LoadTests.Measurement;

/// <summary>Server CPU spent per call over a measured window, by each source; /proc is preferred where present.</summary>
public sealed record CpuCost(double? StatsMicrosPerCall, double? ProcMicrosPerCall, double CpuSeconds, long Calls)
{
    public double? MicrosPerCall => ProcMicrosPerCall ?? StatsMicrosPerCall;

    public string Source => ProcMicrosPerCall is not null ? "/proc" : StatsMicrosPerCall is not null ? "GetStats" : "none";

    public static CpuCost? Between(CpuSample start, CpuSample end, long calls)
    {
        double? statsMs = start.StatsCpuMs is { } a && end.StatsCpuMs is { } b ? b - a : null;
        double? procMs = start.ProcTicks is { } c && end.ProcTicks is { } d ? ProcStat.TicksToMilliseconds(d - c) : null;
        if (statsMs is null && procMs is null)
        {
            return null;
        }

        return new CpuCost(
            PerCall(statsMs, calls),
            PerCall(procMs, calls),
            (procMs ?? statsMs ?? 0) / 1000.0,
            calls);
    }

    private static double? PerCall(double? milliseconds, long calls) =>
        milliseconds is { } ms && calls > 0 ? ms * 1000.0 / calls : null;
}
