using DossierTracking.Contracts.Dossiers;

namespace DossierTracking.Contracts.Import;

/// <summary>What became of one line.</summary>
[GenerateSerializer, Immutable, Alias("dvc.ImportResult")]
public sealed record ImportResult
{
    [Id(0)] public required long Line { get; init; }
    [Id(1)] public required ImportOutcome Outcome { get; init; }
    [Id(2)] public Failure? Failure { get; init; }

    public static ImportResult Refused(long line, Failure failure) => new() { Line = line, Outcome = ImportOutcome.Refused, Failure = failure };
}
