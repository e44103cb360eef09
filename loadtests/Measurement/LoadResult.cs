namespace DossierTracking.LoadTests.Measurement;

/// <summary>What one load run measured: its operations over the measured window (or the whole phase) and their CPU cost.</summary>
public sealed class LoadResult
{
    public required IReadOnlyDictionary<string, OperationStats> Operations { get; init; }

    /// <summary>The measured window: from its opening until the last call started in it returned.</summary>
    public required TimeSpan Duration { get; init; }

    public required CpuCost? Cpu { get; init; }

    /// <summary>PostgreSQL's CPU, WAL, statements and transactions over the window; null without a database meter.</summary>
    public required PostgresCost? Database { get; init; }

    /// <summary>False when the phase ended (work ran out, or the run was stopped) before the measured window opened.</summary>
    public required bool WindowOpened { get; init; }

    /// <summary>The work ran out before the window's time was up.</summary>
    public required bool RanOut { get; init; }

    /// <summary>The run's bound or Ctrl+C ended the phase early.</summary>
    public required bool Stopped { get; init; }

    /// <summary>Work items handed out (warm-up included), e.g. dossiers used up by the transition phase.</summary>
    public required long ItemsTaken { get; init; }

    public required long WarmupCalls { get; init; }

    public long Calls => Operations.Values.Sum(o => o.Calls);

    public OperationStats Operation(string name) => Operations.TryGetValue(name, out var stats) ? stats : new OperationStats(name);

    /// <summary>All operations as one, for a phase's total (the lifecycle's CPU per call is over all of them).</summary>
    public OperationStats Combined(string name)
    {
        var combined = new OperationStats(name);
        foreach (var stats in Operations.Values)
        {
            combined.Add(stats);
        }

        return combined;
    }
}
