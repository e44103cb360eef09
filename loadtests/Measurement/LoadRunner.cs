using System.Diagnostics;
using Spectre.Console;

namespace DossierTracking.LoadTests.Measurement;

/// <summary>
/// Runs a phase's work on <c>concurrency</c> workers that take item indices from one shared counter, and shows its
/// progress live. Either a fixed number of items, all measured, or a warm-up followed by a measured window, where a
/// call counts if it started inside the window and the window lasts until the last of those calls returned.
/// The silo's CPU is sampled around the window, and PostgreSQL's counters when a <paramref name="database"/> meter is given.
/// </summary>
public sealed class LoadRunner(int concurrency, int seed, ServerCpuMeter cpu, PostgresMeter? database, RunBounds bounds)
{
    /// <summary>The database meter, when the run has one (--pg-connection).</summary>
    public PostgresMeter? Database => database;

    private static readonly TimeSpan RefreshInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan RateSpan = TimeSpan.FromSeconds(1);

    private int phaseNumber;

    /// <summary>Items 0..count-1, all measured; stops early only at the run's bound.</summary>
    public Task<LoadResult> RunCountedAsync(string title, long count, WorkItem work) =>
        RunAsync(title, count, warmup: null, TimeSpan.Zero, work);

    /// <summary>Warm-up then a measured window; ends early if the items (0..itemLimit-1) run out.</summary>
    public Task<LoadResult> RunWindowedAsync(string title, TimeSpan warmup, TimeSpan measure, long itemLimit, WorkItem work) =>
        RunAsync(title, itemLimit, warmup, measure, work);

    private async Task<LoadResult> RunAsync(string title, long itemLimit, TimeSpan? warmup, TimeSpan measure, WorkItem work)
    {
        // Each phase draws its own random sequence, the same for the same seed and phase order.
        var salt = ++phaseNumber;
        var live = new LiveCounters();
        var cursor = new WorkCursor(itemLimit);
        var window = new MeasureWindow();
        var workers = Enumerable.Range(0, concurrency)
            .Select(i => new Worker(new Random(unchecked((seed * 7919) + (salt * 104_729) + i)), live, bounds.Abort))
            .ToArray();

        var counted = warmup is null;
        var cpuStart = default(CpuSample);
        var cpuEnd = default(CpuSample);
        var databaseStart = default(PostgresSample);
        var databaseEnd = default(PostgresSample);
        if (counted)
        {
            (cpuStart, databaseStart) = await OpenSamplesAsync();
            window.Open(Stopwatch.GetTimestamp(), Timeout.InfiniteTimeSpan);
        }

        var phaseStart = Stopwatch.GetTimestamp();
        var maxValue = counted ? Math.Max(1, itemLimit) : (warmup!.Value + measure).TotalSeconds;
        var end = 0L;
        // A counted phase always ends by using up its items; only a windowed one can run out early.
        bool RanOut() => !counted && cursor.RanOut;
        await AnsiConsole.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(
                new TaskDescriptionColumn { Alignment = Justify.Left },
                new ProgressBarColumn(),
                new PercentageColumn(),
                new LiveStatsColumn(),
                new ElapsedTimeColumn(),
                new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Describe(title, counted ? "" : "warm-up"), autoStart: true, maxValue);
                var run = Task.WhenAll(workers.Select(w => Task.Run(() => LoopAsync(w, cursor, window, work, live))));
                Func<double> progress = counted
                    ? () => live.ItemsDone
                    : () => Stopwatch.GetElapsedTime(phaseStart).TotalSeconds;
                var display = RefreshAsync(task, live, run, progress);
                if (!counted)
                {
                    await Task.WhenAny(run, Task.Delay(warmup!.Value, bounds.Stop));
                    if (!run.IsCompleted && !bounds.StopRequested)
                    {
                        (cpuStart, databaseStart) = await OpenSamplesAsync();
                        window.Open(Stopwatch.GetTimestamp(), measure);
                        task.Description = Describe(title, "measuring");
                    }
                }

                await run;
                end = Stopwatch.GetTimestamp();
                if (window.IsOpen)
                {
                    // Straight away: whatever the silo does after the last call is not the calls' cost.
                    (cpuEnd, databaseEnd) = await CloseSamplesAsync();
                }

                await display;
                if (RanOut() || bounds.StopRequested)
                {
                    task.Description = Describe(title, RanOut() ? "ran out of work" : "stopped");
                    task.StopTask();
                }
                else
                {
                    task.Value = maxValue;
                }
            });

        var operations = new Dictionary<string, OperationStats>(StringComparer.Ordinal);
        foreach (var worker in workers)
        {
            foreach (var (name, recorder) in worker.Measured)
            {
                if (!operations.TryGetValue(name, out var stats))
                {
                    stats = new OperationStats(name);
                    operations.Add(name, stats);
                }

                stats.Add(recorder);
            }
        }

        var calls = operations.Values.Sum(o => o.Calls);
        var cost = window.IsOpen ? CpuCost.Between(cpuStart, cpuEnd, calls) : null;
        var databaseCost = window.IsOpen && database is not null ? PostgresCost.Between(databaseStart, databaseEnd, calls) : null;

        var result = new LoadResult
        {
            Operations = operations,
            Duration = window.IsOpen ? Stopwatch.GetElapsedTime(window.Start, end) : TimeSpan.Zero,
            Cpu = cost,
            Database = databaseCost,
            WindowOpened = window.IsOpen,
            RanOut = RanOut(),
            Stopped = bounds.StopRequested,
            ItemsTaken = cursor.Taken,
            WarmupCalls = workers.Sum(w => w.WarmupCalls),
        };
        WriteSummary(title, result);
        return result;
    }

    /// <summary>
    /// The silo's sample first: its GetStats call, and what it asks of the database, must not fall inside PostgreSQL's
    /// window.
    /// </summary>
    private async Task<(CpuSample Cpu, PostgresSample Database)> OpenSamplesAsync()
    {
        var silo = await cpu.OpenWindowAsync(bounds.Abort);
        var server = database is not null ? await database.OpenWindowAsync(bounds.Abort) : default;
        return (silo, server);
    }

    /// <summary>PostgreSQL's sample first, for the same reason: the silo's GetStats comes after both windows closed.</summary>
    private async Task<(CpuSample Cpu, PostgresSample Database)> CloseSamplesAsync()
    {
        var server = database is not null ? await database.CloseWindowAsync(bounds.Abort) : default;
        var silo = await cpu.CloseWindowAsync(bounds.Abort);
        return (silo, server);
    }

    /// <summary>
    /// One line per phase after the live display: all a log gets when the output is not a terminal (Spectre then
    /// prints bare percentages).
    /// </summary>
    private static void WriteSummary(string title, LoadResult result)
    {
        var all = result.Combined(title);
        var seconds = result.Duration.TotalSeconds;
        var rate = seconds > 0 ? all.Succeeded / seconds : 0;
        var p99 = all.PercentileMs(99) is { } ms ? $"{ms:0.00} ms" : "–";
        var cpu = result.Cpu?.MicrosPerCall is { } micros ? $", server CPU {micros:N1} µs/call" : "";
        var wal = result.Database?.WalBytesPerCall is { } bytes ? $", WAL {bytes:N0} B/call" : "";
        var window = result.WindowOpened ? $"{seconds:N1} s" : "no measured window";
        AnsiConsole.MarkupLine(Markup.Escape(
            $"{title}: {all.Calls:N0} calls in {window}, {rate:N0}/s, p99 {p99}, {all.ErrorCount:N0} errors{cpu}{wal}"));
    }

    private async Task LoopAsync(Worker worker, WorkCursor cursor, MeasureWindow window, WorkItem work, LiveCounters live)
    {
        while (!bounds.StopRequested)
        {
            var now = Stopwatch.GetTimestamp();
            if (window.IsOver(now) || !cursor.TryTake(out var index))
            {
                return;
            }

            worker.Measuring = window.IsMeasuring(now);
            await work(index, worker).ConfigureAwait(false);
            live.ItemDone();
        }
    }

    private static async Task RefreshAsync(ProgressTask task, LiveCounters live, Task run, Func<double> progress)
    {
        var samples = new Queue<(long At, long Calls)>();
        while (true)
        {
            var now = Stopwatch.GetTimestamp();
            var calls = live.Calls;
            samples.Enqueue((now, calls));
            // Keep the newest sample that is at least a second old as the base of the rate.
            while (samples.Count > 1 && Stopwatch.GetElapsedTime(samples.ElementAt(1).At, now) >= RateSpan)
            {
                samples.Dequeue();
            }

            var (baseAt, baseCalls) = samples.Peek();
            var span = Stopwatch.GetElapsedTime(baseAt, now).TotalSeconds;
            task.State.Update<long>(LiveStatsColumn.CallsKey, _ => calls);
            task.State.Update<double>(LiveStatsColumn.RateKey, _ => span > 0 ? (calls - baseCalls) / span : 0);
            task.State.Update<long>(LiveStatsColumn.ErrorsKey, _ => live.Errors);
            task.Value = Math.Min(progress(), task.MaxValue);
            if (run.IsCompleted)
            {
                return;
            }

            await Task.WhenAny(run, Task.Delay(RefreshInterval));
        }
    }

    private static string Describe(string title, string stage) =>
        stage.Length == 0 ? Markup.Escape(title) : $"{Markup.Escape(title)} [grey]{Markup.Escape(stage)}[/]";

    /// <summary>The shared counter the workers take item indices from.</summary>
    private sealed class WorkCursor(long limit)
    {
        private long next;
        private int ranOut;

        public bool RanOut => Volatile.Read(ref ranOut) == 1;

        public long Taken => Math.Min(Interlocked.Read(ref next), limit);

        public bool TryTake(out long index)
        {
            index = Interlocked.Increment(ref next) - 1;
            if (index < limit)
            {
                return true;
            }

            Volatile.Write(ref ranOut, 1);
            return false;
        }
    }

    /// <summary>The measured window in Stopwatch timestamps; closed (never measuring) until opened.</summary>
    private sealed class MeasureWindow
    {
        private long start = long.MaxValue;
        private long end = long.MaxValue;

        public bool IsOpen => Volatile.Read(ref start) != long.MaxValue;

        public long Start => Volatile.Read(ref start);

        public void Open(long now, TimeSpan length)
        {
            Volatile.Write(ref end, length == Timeout.InfiniteTimeSpan ? long.MaxValue : now + (long)(length.TotalSeconds * Stopwatch.Frequency));
            Volatile.Write(ref start, now);
        }

        public bool IsMeasuring(long now) => now >= Volatile.Read(ref start);

        public bool IsOver(long now) => now >= Volatile.Read(ref end);
    }
}
