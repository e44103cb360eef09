namespace DossierTracking.LoadTests.Crash;

/// <summary>One measured round, as the JSON report keeps it.</summary>
public sealed record CrashRound
{
    public required CrashKind Kind { get; init; }
    public required Membership Membership { get; init; }
    public required int Round { get; init; }

    /// <summary>The measured time in seconds; null when it was not reached within the round's limit.</summary>
    public required double? Seconds { get; init; }

    /// <summary>Calls of the background load in the whole round, each counted once whatever its attempts.</summary>
    public required long Calls { get; init; }

    /// <summary>Calls that failed after every attempt, by status.</summary>
    public required IReadOnlyDictionary<string, long> Failures { get; init; }

    /// <summary>Attempts the load's channels sent again (UNAVAILABLE).</summary>
    public required long Retries { get; init; }

    /// <summary>What else the round saw: dossiers checked, exit code, refusals during the outage.</summary>
    public required string Detail { get; init; }

    public long FailedCalls => Failures.Values.Sum();
}
