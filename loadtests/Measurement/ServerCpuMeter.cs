using DossierTracking.GrpcApi.Probe;
using Grpc.Core;

namespace DossierTracking.LoadTests.Measurement;

/// <summary>
/// Samples the silo's CPU time around a measured window. GetStats itself costs CPU (a full GC when asked, and an
/// AVG over every stored dossier row), so the window opens after the GetStats reply and closes before the next
/// request: /proc, when usable, then sees none of it; GetStats' own figure includes one such query.
/// </summary>
public sealed class ServerCpuMeter
{
    private readonly ProbeService.ProbeServiceClient probe;
    private readonly int? procProcessId;

    private ServerCpuMeter(ProbeService.ProbeServiceClient probe, int? procProcessId)
    {
        this.probe = probe;
        this.procProcessId = procProcessId;
    }

    /// <summary>Whether the silo's /proc entry is readable here (same machine, same process namespace).</summary>
    public bool UsesProc => procProcessId is not null;

    /// <summary>
    /// Uses /proc/{process_id} only if its CPU time agrees with GetStats': in another pid namespace (a container)
    /// the same number may name an unrelated process.
    /// </summary>
    public static ServerCpuMeter Create(ProbeService.ProbeServiceClient probe, StatsReply baseline)
    {
        var ticks = ProcStat.TryReadCpuTicks(baseline.ProcessId);
        if (ticks is null)
        {
            return new ServerCpuMeter(probe, null);
        }

        var procMs = ProcStat.TicksToMilliseconds(ticks.Value);
        var tolerance = Math.Max(2_000, baseline.CpuTimeMs * 0.1);
        return new ServerCpuMeter(probe, Math.Abs(procMs - baseline.CpuTimeMs) <= tolerance ? baseline.ProcessId : null);
    }

    public async Task<CpuSample> OpenWindowAsync(CancellationToken cancellationToken)
    {
        var stats = await TryStatsAsync(cancellationToken);
        return new CpuSample(stats, ReadProc());
    }

    public async Task<CpuSample> CloseWindowAsync(CancellationToken cancellationToken)
    {
        var ticks = ReadProc();
        return new CpuSample(await TryStatsAsync(cancellationToken), ticks);
    }

    private long? ReadProc() => procProcessId is { } pid ? ProcStat.TryReadCpuTicks(pid) : null;

    /// <summary>A failed sample costs the window its CPU figure, not the run.</summary>
    private async Task<long?> TryStatsAsync(CancellationToken cancellationToken)
    {
        try
        {
            var reply = await probe.GetStatsAsync(
                new StatsRequest { CollectGarbage = false },
                new CallOptions(deadline: DateTime.UtcNow.AddSeconds(30), cancellationToken: cancellationToken));
            return reply.CpuTimeMs;
        }
        catch (RpcException)
        {
            return null;
        }
    }
}
