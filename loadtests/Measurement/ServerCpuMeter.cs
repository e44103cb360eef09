using DossierTracking.GrpcApi.Probe;
using Grpc.Core;

namespace DossierTracking.LoadTests.Measurement;

/// <summary>
/// Samples the silo's CPU time around a measured window. GetStats itself costs CPU (a full GC when asked), so the
/// window opens after the GetStats reply and closes before the next request: /proc, when usable, then sees none of
/// it; GetStats' own figure includes one such call. With other silos given, /proc is the only source: a window whose
/// /proc figures cannot be read (a silo gone) has no CPU figure rather than one silo's.
/// </summary>
public sealed class ServerCpuMeter
{
    private readonly ProbeService.ProbeServiceClient probe;
    private readonly int? procProcessId;
    private readonly IReadOnlyList<int> otherProcessIds;

    private ServerCpuMeter(ProbeService.ProbeServiceClient probe, int? procProcessId, IReadOnlyList<int> otherProcessIds)
    {
        this.probe = probe;
        this.procProcessId = procProcessId;
        this.otherProcessIds = otherProcessIds;
    }

    /// <summary>Whether the silo's /proc entry is readable here (same machine, same process namespace).</summary>
    public bool UsesProc => procProcessId is not null;

    /// <summary>How many silos' CPU a sample sums: the target's and the other silos' given (only with /proc).</summary>
    public int Silos => UsesProc ? 1 + otherProcessIds.Count : 1;

    /// <summary>
    /// Uses /proc/{process_id} only if its CPU time agrees with GetStats': in another pid namespace (a container)
    /// the same number may name an unrelated process.
    /// </summary>
    /// <param name="otherProcessIds">The cluster's other silos on this machine: counted only through /proc, and only when
    /// the target's /proc entry is usable and each of theirs is readable.</param>
    /// <exception cref="ArgumentException">Another silo's /proc entry cannot be read.</exception>
    public static ServerCpuMeter Create(ProbeService.ProbeServiceClient probe, StatsReply baseline, IReadOnlyList<int>? otherProcessIds = null)
    {
        var others = otherProcessIds ?? [];
        var ticks = ProcStat.TryReadCpuTicks(baseline.ProcessId);
        if (ticks is null)
        {
            return others.Count == 0 ? new ServerCpuMeter(probe, null, []) : throw new ArgumentException("The other silos' CPU is read from /proc, and the target silo's /proc entry is not readable here.");
        }

        if (others.Count > 0 && baseline.ActiveSilos != 1 + others.Count)
        {
            throw new ArgumentException($"--other-silos names {others.Count} silos, but the cluster has {baseline.ActiveSilos} active: the figures would not be the cluster's.");
        }

        if (others.FirstOrDefault(pid => pid == baseline.ProcessId || ProcStat.TryReadCpuTicks(pid) is null) is var bad and not 0)
        {
            throw new ArgumentException($"--other-silos: process {bad} is the target itself or has no readable /proc entry here.");
        }

        var procMs = ProcStat.TicksToMilliseconds(ticks.Value);
        var tolerance = Math.Max(2_000, baseline.CpuTimeMs * 0.1);
        return Math.Abs(procMs - baseline.CpuTimeMs) <= tolerance
            ? new ServerCpuMeter(probe, baseline.ProcessId, others)
            : others.Count == 0 ? new ServerCpuMeter(probe, null, []) : throw new ArgumentException("The target silo's /proc entry does not match its own CPU figure: another process namespace.");
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

    /// <summary>The CPU ticks of the target silo and the other silos together; null when one of them cannot be read.</summary>
    private long? ReadProc()
    {
        if (procProcessId is not { } pid || ProcStat.TryReadCpuTicks(pid) is not { } ticks)
        {
            return null;
        }

        foreach (var other in otherProcessIds)
        {
            if (ProcStat.TryReadCpuTicks(other) is not { } more)
            {
                return null;
            }

            ticks += more;
        }

        return ticks;
    }

    /// <summary>A failed sample costs the window its CPU figure, not the run.</summary>
    private async Task<long?> TryStatsAsync(CancellationToken cancellationToken)
    {
        if (otherProcessIds.Count > 0)
        {
            // One silo's figure would pass for the cluster's: a window without /proc has no CPU figure instead.
            return null;
        }

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
