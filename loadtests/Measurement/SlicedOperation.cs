namespace DossierTracking.LoadTests.Measurement;

/// <summary>
/// One operation measured in slices that take turns with other operations' slices (see <see cref="AlternatingSlices"/>).
/// Each slice is one windowed run of the <see cref="LoadRunner"/>; the slices are merged as if they were one window:
/// calls, errors and latencies added, durations, CPU (silo and PostgreSQL), WAL and statements summed, so the rate
/// is successes over the summed duration and each cost per call is its total over the total calls. Each slice's
/// rate is kept so drift shows.
/// </summary>
/// <param name="itemLimit">Items 0..itemLimit-1 over all slices and warm-ups together (long.MaxValue: no limit).</param>
/// <param name="work">Gets the operation's own item index, which goes on from slice to slice (the runner's restarts
/// with each run): an item, such as a dossier to accept, is handed out at most once over the whole operation.</param>
public sealed class SlicedOperation(string title, string operation, long itemLimit, WorkItem work)
{
    private readonly List<CpuCost?> sliceCosts = [];
    private readonly List<PostgresCost?> sliceDatabaseCosts = [];
    private readonly List<double> sliceRates = [];
    private readonly List<TimeSpan> sliceDurations = [];

    public string Title => title;

    /// <summary>The measured calls of all slices.</summary>
    public OperationStats Stats { get; } = new(operation);

    /// <summary>The slices' measured windows, summed.</summary>
    public TimeSpan Duration { get; private set; }

    public CpuCost? Cpu => CpuCost.Sum(sliceCosts);

    public PostgresCost? Database => PostgresCost.Sum(sliceDatabaseCosts);

    /// <summary>Successful calls per second of each measured slice, in the order they ran.</summary>
    public IReadOnlyList<double> SliceRates => sliceRates;

    /// <summary>Each measured slice's window, from its opening until the last call started in it returned.</summary>
    public IReadOnlyList<TimeSpan> SliceDurations => sliceDurations;

    public int MeasuredSlices => sliceRates.Count;

    /// <summary>Slices started, including one that ended (ran out, or was stopped) before its window opened.</summary>
    public int SlicesRun { get; private set; }

    /// <summary>Items handed out so far, warm-ups included: the next slice starts after them.</summary>
    public long ItemsTaken { get; private set; }

    /// <summary>The items ran out in the last slice (during its warm-up or its window).</summary>
    public bool RanOut { get; private set; }

    /// <summary>One slice: <paramref name="warmup"/> of unmeasured load, then a window of <paramref name="length"/>.</summary>
    public async Task RunSliceAsync(LoadRunner runner, string label, TimeSpan warmup, TimeSpan length)
    {
        SlicesRun++;
        var first = ItemsTaken;
        var result = await runner.RunWindowedAsync(label, warmup, length, itemLimit - first, (index, worker) => work(first + index, worker));
        ItemsTaken = first + result.ItemsTaken;
        RanOut = result.RanOut;
        if (!result.WindowOpened)
        {
            return;
        }

        var stats = result.Operation(operation);
        Stats.Add(stats);
        Duration += result.Duration;
        sliceDurations.Add(result.Duration);
        sliceCosts.Add(result.Cpu);
        sliceDatabaseCosts.Add(result.Database);
        sliceRates.Add(result.Duration > TimeSpan.Zero ? stats.Succeeded / result.Duration.TotalSeconds : 0);
    }
}
