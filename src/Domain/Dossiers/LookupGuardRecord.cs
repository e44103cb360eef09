using System.Collections.Immutable;

namespace DossierTracking.Domain.Dossiers;

/// <summary>
/// Wrong guesses of one dossier's second factor (state "lookup-guard", beside the dossier's own row, so that a guess
/// is no change of the dossier and never reaches the change feed).
/// </summary>
[GenerateSerializer, Immutable, Alias("dvc.LookupGuardRecord")]
public sealed record LookupGuardRecord
{
    /// <summary>Times of the wrong guesses within the current window, oldest first.</summary>
    [Id(0)] public ImmutableList<DateTimeOffset> WrongAttempts { get; init; } = [];
    /// <summary>Until when guesses are refused, if the limit was reached.</summary>
    [Id(1)] public DateTimeOffset? LockedUntil { get; init; }
}
