using System.Diagnostics;
using DossierTracking.GrpcApi.V1;
using DossierTracking.LoadTests.Measurement;
using DossierTracking.LoadTests.Reporting;
using DossierTracking.LoadTests.Workload;
using Grpc.Core;
using Spectre.Console;

namespace DossierTracking.LoadTests.Phases;

/// <summary>
/// Aims every submission at one department: --hot-agency-dossiers online submissions of one Department of Construction
/// procedure at the provincial service centre, at the run's concurrency, while GetAgencyFigures for the department is
/// read every 250 ms. Each silo batches committed dossier changes and flushes them to the agency grains every second,
/// so the figures lag; the phase reports the largest backlog (acknowledged but not yet counted) and how long after the
/// last acknowledgement the figures counted every accepted submission. Submits its own dossiers: needs no others.
/// </summary>
public static class HotAgencyPhase
{
    /// <summary>Sở Xây dựng, the Department of Construction.</summary>
    public const string AgencyCode = "H49.08";

    /// <summary>Điều chỉnh giấy phép xây dựng (building permit amendment), service level 4, decided by <see cref="AgencyCode"/>.</summary>
    public const string ProcedureCode = "1.003205";

    public const string DeskCode = WorkloadModel.ProvinceServiceCentre;

    private const string Operation = "hot-agency submit";

    /// <summary>The figures count as settled when their total has not moved for this long (two flush intervals).</summary>
    private static readonly TimeSpan SettleQuiet = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan SettleMax = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan FiguresDeadline = TimeSpan.FromSeconds(10);

    public static async Task RunAsync(RunContext context)
    {
        var count = context.Options.HotAgencyDossiers;
        if (count == 0)
        {
            context.Notes.Add("hot-agency: --hot-agency-dossiers is 0, nothing submitted.");
            return;
        }

        // Earlier phases' changes may still be on their way to the agency: start from figures that stopped moving.
        var (before, settled) = await AnsiConsole.Status().StartAsync(
            $"reading {AgencyCode}'s figures until they settle",
            _ => SettledTotalAsync(context));
        if (!settled)
        {
            context.Notes.Add($"hot-agency: {AgencyCode}'s total was still moving after {SettleMax.TotalSeconds:0} s; the backlog and catch-up may be off by those changes.");
        }

        if (context.Bounds.StopRequested)
        {
            return;
        }

        // The plan's citizens (seeded, not the submit phase's), all sent to the one procedure and desk.
        var plan = context.Workload.Plan(count, context.Options.Seed + 2);
        var watch = new FiguresWatch(before);
        var accepted = 0L;
        var lastAck = 0L;
        var started = Stopwatch.GetTimestamp();
        using var stopPolling = CancellationTokenSource.CreateLinkedTokenSource(context.Bounds.Abort);
        var poller = PollAsync(context, watch, started, () => Interlocked.Read(ref accepted), stopPolling.Token);
        LoadResult result;
        long acknowledged;
        long? caughtUpAt = null;
        try
        {
            result = await context.Runner.RunCountedAsync("hot-agency", count, async (index, worker) =>
            {
                var request = WorkloadModel.ToRequest(plan[index], $"lt-{context.RunId}-hot-{index}", ProcedureCode, DeskCode);
                var reply = await worker.CallAsync(Operation, call => context.Dossiers.SubmitDossierAsync(request, call));
                if (reply is null)
                {
                    return;
                }

                RaiseTo(ref lastAck, Stopwatch.GetTimestamp());
                Interlocked.Increment(ref accepted);
                if (reply.HandlingAgencyCode != AgencyCode)
                {
                    worker.RecordProblem(Operation, $"HandlingAgency:{reply.HandlingAgencyCode}");
                }
            });

            acknowledged = Interlocked.Read(ref accepted);
            if (acknowledged > 0 && !context.Bounds.StopRequested)
            {
                var caughtUp = watch.Expect(acknowledged);
                var remaining = HotAgencySummary.CatchUpTimeout - Stopwatch.GetElapsedTime(Interlocked.Read(ref lastAck));
                await AnsiConsole.Status().StartAsync(
                    $"waiting for {AgencyCode}'s figures to count {acknowledged:N0} submissions",
                    _ => Task.WhenAny(caughtUp, Task.Delay(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, context.Bounds.Stop)));
                caughtUpAt = caughtUp.IsCompletedSuccessfully ? await caughtUp : null;
            }
        }
        finally
        {
            await stopPolling.CancelAsync();
            await poller;
        }

        var row = OperationRow.From(RowKeys.HotAgencySubmit, Operation, "hot-agency", result.Operation(Operation), result.Duration, result.Cpu, result.Database);
        bool? caught = acknowledged == 0 || (caughtUpAt is null && context.Bounds.StopRequested) ? null : caughtUpAt is not null;
        var summary = watch.Summarize(count, acknowledged, row.RatePerSecond, caught,
            caughtUpAt is { } at ? Math.Max(0, Stopwatch.GetElapsedTime(Interlocked.Read(ref lastAck), at).TotalMilliseconds) : null);
        context.HotAgency = summary;
        context.AddRow(row with { Note = summary.Describe() }, result);
        AnsiConsole.MarkupLine(Markup.Escape(summary.Describe()));
        context.Notes.Add(summary.Describe());
        if (acknowledged == 0)
        {
            context.Notes.Add($"hot-agency: no submission to {ProcedureCode} at {DeskCode} was accepted (see the row's errors); catch-up not measured.");
        }

        if (summary.TotalLast is { } last && last - summary.TotalBefore > acknowledged)
        {
            context.Notes.Add($"hot-agency: {AgencyCode}'s total rose by {last - summary.TotalBefore:N0}, more than the {acknowledged:N0} acknowledged submissions (failed calls that committed, or other writers).");
        }

        if (summary.PollErrors.Count > 0)
        {
            context.Notes.Add($"hot-agency: {summary.PollErrors.Values.Sum():N0} of {summary.Polls:N0} GetAgencyFigures reads failed ({string.Join(", ", summary.PollErrors.Select(e => $"{e.Key} {e.Value:N0}"))}).");
        }
    }

    /// <summary>The agency's total once it has not moved for <see cref="SettleQuiet"/>, or the last one after <see cref="SettleMax"/>.</summary>
    private static async Task<(long Total, bool Settled)> SettledTotalAsync(RunContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var total = await ReadTotalAsync(context, context.Bounds.Abort);
        var since = Stopwatch.GetTimestamp();
        while (!context.Bounds.StopRequested)
        {
            if (Stopwatch.GetElapsedTime(since) >= SettleQuiet)
            {
                return (total, true);
            }

            if (Stopwatch.GetElapsedTime(started) >= SettleMax)
            {
                return (total, false);
            }

            await Task.Delay(HotAgencySummary.PollInterval, context.Bounds.Stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            var next = await ReadTotalAsync(context, context.Bounds.Abort);
            if (next != total)
            {
                total = next;
                since = Stopwatch.GetTimestamp();
            }
        }

        return (total, false);
    }

    private static async Task<long> ReadTotalAsync(RunContext context, CancellationToken cancellationToken)
    {
        var figures = await context.Agencies.GetAgencyFiguresAsync(
            new GetAgencyFiguresRequest { AgencyCode = AgencyCode },
            new CallOptions(deadline: DateTime.UtcNow + FiguresDeadline, cancellationToken: cancellationToken));
        return figures.Total;
    }

    /// <summary>Reads the figures every <see cref="HotAgencySummary.PollInterval"/> (send to send) until told to stop; never throws.</summary>
    private static async Task PollAsync(RunContext context, FiguresWatch watch, long started, Func<long> acknowledged, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var sentAt = Stopwatch.GetTimestamp();
            try
            {
                var total = await ReadTotalAsync(context, stop).ConfigureAwait(false);
                var replyAt = Stopwatch.GetTimestamp();
                watch.Add(replyAt, Stopwatch.GetElapsedTime(started, replyAt), acknowledged(), total, Stopwatch.GetElapsedTime(sentAt, replyAt));
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (RpcException e)
            {
                watch.Failed(e.StatusCode.ToString());
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                watch.Failed($"Client:{e.GetType().Name}");
            }

            var wait = HotAgencySummary.PollInterval - Stopwatch.GetElapsedTime(sentAt);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, stop).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private static void RaiseTo(ref long target, long value)
    {
        var current = Interlocked.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    /// <summary>The figures read so far, shared by the poller and the phase; completes a task once they count every acknowledged submission.</summary>
    private sealed class FiguresWatch(long before)
    {
        private readonly Lock gate = new();
        private readonly List<(long ReplyAt, HotAgencySample Sample)> samples = [];
        private readonly SortedDictionary<string, long> errors = new(StringComparer.Ordinal);
        private readonly TaskCompletionSource<long> caughtUp = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private long expected = long.MaxValue;
        private long largestBacklog;
        private long? lastTotal;
        private TimeSpan maxPoll;

        public void Add(long replyAt, TimeSpan at, long acknowledged, long total, TimeSpan poll)
        {
            lock (gate)
            {
                var counted = total - before;
                samples.Add((replyAt, new HotAgencySample(Math.Round(at.TotalMilliseconds, 1), acknowledged, counted)));
                largestBacklog = Math.Max(largestBacklog, acknowledged - counted);
                lastTotal = total;
                maxPoll = poll > maxPoll ? poll : maxPoll;
                if (counted >= expected)
                {
                    caughtUp.TrySetResult(replyAt);
                }
            }
        }

        public void Failed(string kind)
        {
            lock (gate)
            {
                errors[kind] = errors.GetValueOrDefault(kind) + 1;
            }
        }

        /// <summary>From now on, completes (with the reply's timestamp) at the first figures counting <paramref name="acknowledged"/>, or one already read.</summary>
        public Task<long> Expect(long acknowledged)
        {
            lock (gate)
            {
                expected = acknowledged;
                foreach (var (replyAt, sample) in samples)
                {
                    if (sample.Counted >= acknowledged)
                    {
                        caughtUp.TrySetResult(replyAt);
                        break;
                    }
                }
            }

            return caughtUp.Task;
        }

        public HotAgencySummary Summarize(int planned, long acknowledged, double? rate, bool? caught, double? catchUpMs)
        {
            lock (gate)
            {
                return new HotAgencySummary
                {
                    AgencyCode = AgencyCode,
                    ProcedureCode = ProcedureCode,
                    DeskCode = DeskCode,
                    Planned = planned,
                    Accepted = acknowledged,
                    RatePerSecond = rate,
                    TotalBefore = before,
                    TotalLast = lastTotal,
                    CaughtUp = caught,
                    CatchUpMs = catchUpMs is { } ms ? Math.Round(ms, 1) : null,
                    LargestBacklog = largestBacklog,
                    Polls = samples.Count + (int)errors.Values.Sum(),
                    PollErrors = new SortedDictionary<string, long>(errors, StringComparer.Ordinal),
                    MaxPollMs = samples.Count == 0 ? null : Math.Round(maxPoll.TotalMilliseconds, 1),
                    Samples = samples.Select(s => s.Sample).ToArray(),
                };
            }
        }
    }
}
