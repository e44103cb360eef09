using System.Diagnostics;
using Grpc.Core;

namespace DossierTracking.LoadTests.Measurement;

/// <summary>
/// One of the concurrent callers: times each call with <see cref="Stopwatch.GetTimestamp"/> into its own recorders
/// (warm-up and measured kept apart), counts RPC failures by status code and anything else as "Client:{type}".
/// A call the channel retried (UNAVAILABLE) is still one call here: one latency from its first attempt to its last
/// answer, and one error only if every attempt failed; the attempts sent again are tallied by the channel.
/// </summary>
public sealed class Worker(Random random, LiveCounters live, CancellationToken abort)
{
    /// <summary>Longer than any call should take under load; a hung server then shows up as DeadlineExceeded.</summary>
    private static readonly TimeSpan CallDeadline = TimeSpan.FromSeconds(60);

    private readonly Dictionary<string, OperationRecorder> warmup = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OperationRecorder> measured = new(StringComparer.Ordinal);

    /// <summary>This worker's own random source (a shared one would need a lock), seeded from the run's seed.</summary>
    public Random Random { get; } = random;

    /// <summary>Set by the runner before each work item: whether it started inside the measured window.</summary>
    public bool Measuring { get; set; }

    public IReadOnlyDictionary<string, OperationRecorder> Measured => measured;

    public long WarmupCalls => warmup.Values.Sum(r => r.Calls);

    /// <returns>The reply, or null when the call failed (the failure is recorded).</returns>
    public async Task<TReply?> CallAsync<TReply>(string operation, Func<CallOptions, AsyncUnaryCall<TReply>> call)
        where TReply : class
    {
        var recorder = Recorder(operation);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var pending = call(new CallOptions(deadline: DateTime.UtcNow + CallDeadline, cancellationToken: abort));
            var reply = await pending.ResponseAsync.ConfigureAwait(false);
            recorder.RecordSuccess(Stopwatch.GetElapsedTime(started));
            live.CallSucceeded();
            return reply;
        }
        catch (RpcException e)
        {
            recorder.RecordFailure(e.StatusCode.ToString());
            live.CallFailed();
            return null;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            recorder.RecordFailure($"Client:{e.GetType().Name}");
            live.CallFailed();
            return null;
        }
    }

    /// <summary>An outcome that is wrong although the call succeeded (for example a dossier in the wrong final state).</summary>
    public void RecordProblem(string operation, string kind)
    {
        Recorder(operation).RecordProblem(kind);
        live.ProblemFound();
    }

    private OperationRecorder Recorder(string operation)
    {
        var recorders = Measuring ? measured : warmup;
        if (!recorders.TryGetValue(operation, out var recorder))
        {
            recorder = new OperationRecorder(trackLatency: Measuring);
            recorders.Add(operation, recorder);
        }

        return recorder;
    }
}
