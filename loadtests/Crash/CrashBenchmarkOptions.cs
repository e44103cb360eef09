using System.Text.Json.Serialization;

namespace DossierTracking.LoadTests.Crash;

/// <summary>The validated settings of one crash benchmark run.</summary>
public sealed record CrashBenchmarkOptions
{
    public required int Rounds { get; init; }
    public required int Silos { get; init; }
    public required int Workers { get; init; }
    public required int OutageSeconds { get; init; }
    public required IReadOnlyList<CrashKind> Kinds { get; init; }
    public required IReadOnlyList<Membership> Memberships { get; init; }
    public required string SiloDll { get; init; }
    public required string PostgresScript { get; init; }

    /// <summary>Where PostgreSQL's files and the silos' logs go; null: a new temporary folder, removed afterwards.</summary>
    public required string? WorkDirectory { get; init; }

    public required string OutputDirectory { get; init; }
    public required double MaxMinutes { get; init; }

    /// <summary>Load before the crash, so that the silos hold dossiers and calls are in flight.</summary>
    [JsonIgnore]
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Load after the measured moment, so that what follows recovery is seen too.</summary>
    [JsonIgnore]
    public TimeSpan Cooldown { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How long a round waits for what it measures; past it the round counts as not recovered.</summary>
    [JsonIgnore]
    public TimeSpan RoundLimit { get; init; } = TimeSpan.FromSeconds(120);
}
