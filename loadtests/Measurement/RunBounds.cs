using System.Diagnostics;

namespace DossierTracking.LoadTests.Measurement;

/// <summary>
/// When the run must end. <see cref="Stop"/> fires at --max-minutes or on the first Ctrl+C: workers start no new
/// call and the run reports what it measured. <see cref="Abort"/> fires a grace period later and cancels calls
/// still in flight, so a hung silo cannot hold the run past its bound.
/// </summary>
public sealed class RunBounds : IDisposable
{
    public static readonly TimeSpan AbortGrace = TimeSpan.FromSeconds(30);

    private readonly CancellationTokenSource stop;
    private readonly CancellationTokenSource abort;
    private string? reason;

    public RunBounds(TimeSpan timeBound, CancellationToken external)
    {
        stop = CancellationTokenSource.CreateLinkedTokenSource(external);
        abort = new CancellationTokenSource();
        var started = Stopwatch.GetTimestamp();
        stop.CancelAfter(timeBound);
        stop.Token.Register(() =>
        {
            // RequestStop names its own reason first; otherwise it is the bound or the host cancelling the command.
            var why = Stopwatch.GetElapsedTime(started) >= timeBound
                ? $"time bound of {timeBound.TotalMinutes:0.##} min reached"
                : "cancelled";
            Interlocked.CompareExchange(ref reason, why, null);
            abort.CancelAfter(AbortGrace);
        });
    }

    public CancellationToken Stop => stop.Token;

    public CancellationToken Abort => abort.Token;

    public bool StopRequested => stop.IsCancellationRequested;

    /// <summary>Why the run stopped early, or null while it has not.</summary>
    public string? StopReason => StopRequested ? reason ?? "stopped" : null;

    public void RequestStop(string why)
    {
        Interlocked.CompareExchange(ref reason, why, null);
        stop.Cancel();
    }

    public void Dispose()
    {
        stop.Dispose();
        abort.Dispose();
    }
}
