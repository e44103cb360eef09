namespace DossierTracking.LoadTests.Measurement;

/// <summary>
/// Measures a ceiling and its targets under the same conditions. This machine is shared and the database changes as
/// a run goes on (autovacuum, checkpoints after many inserts), so windows minutes apart compare different machines:
/// instead each operation's measured time is cut into slices that take turns (A, B, C, A, B, C, ...), and every
/// operation sees the same drift.
/// </summary>
public static class AlternatingSlices
{
    /// <summary>
    /// Unmeasured load before every slice but an operation's first, long enough for all workers to have a call in
    /// flight: the slice then starts at full concurrency instead of ramping up. JIT and caches are warm by then.
    /// </summary>
    public static readonly TimeSpan Refill = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Runs <paramref name="slices"/> rounds; in each, every operation runs one slice of <paramref name="length"/>,
    /// after the full <paramref name="warmup"/> in the first round and <see cref="Refill"/> in the others. Stops at
    /// the run's bound, or when an operation runs out of items: what was measured until then stays.
    /// </summary>
    public static async Task RunAsync(
        LoadRunner runner, RunBounds bounds, IReadOnlyList<SlicedOperation> operations, int slices, TimeSpan warmup, TimeSpan length)
    {
        for (var slice = 0; slice < slices; slice++)
        {
            foreach (var operation in operations)
            {
                if (bounds.StopRequested)
                {
                    return;
                }

                var label = $"{operation.Title} {slice + 1}/{slices}";
                await operation.RunSliceAsync(runner, label, slice == 0 ? warmup : Refill, length);
                if (operation.RanOut)
                {
                    return;
                }
            }
        }
    }
}
