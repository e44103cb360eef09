namespace DossierTracking.LoadTests.Measurement;

/// <summary>What the progress display shows while a phase runs, warm-up included; shared by all workers.</summary>
public sealed class LiveCounters
{
    private long calls;
    private long errors;
    private long itemsDone;

    public long Calls => Interlocked.Read(ref calls);
    public long Errors => Interlocked.Read(ref errors);
    public long ItemsDone => Interlocked.Read(ref itemsDone);

    public void CallSucceeded() => Interlocked.Increment(ref calls);

    public void CallFailed()
    {
        Interlocked.Increment(ref calls);
        Interlocked.Increment(ref errors);
    }

    public void ProblemFound() => Interlocked.Increment(ref errors);

    public void ItemDone() => Interlocked.Increment(ref itemsDone);
}
