using DossierTracking.Contracts.Dossiers;
using DossierTracking.Domain.Dossiers;

namespace DossierTracking.UnitTests.Access;

public sealed class LookupGuardTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 29, 3, 0, 0, TimeSpan.Zero);

    private static LookupGuardRecord Wrong(LookupGuardRecord guard, params int[] minutes) =>
        minutes.Aggregate(guard, (g, m) => LookupGuard.AfterWrongAttempt(g, T0.AddMinutes(m)));

    [Fact]
    public void Five_wrong_guesses_within_fifteen_minutes_lock_the_second_factor_for_fifteen_minutes()
    {
        var four = Wrong(new LookupGuardRecord(), 0, 1, 2, 3);
        Assert.Null(LookupGuard.Refusal(four, T0.AddMinutes(4)));

        var five = Wrong(four, 4);
        var locked = LookupGuard.Refusal(five, T0.AddMinutes(4));
        Assert.Equal((FailureKind.ResourceExhausted, "SECOND_FACTOR_LOCKED"), (locked!.Kind, locked.Reason));
        Assert.NotNull(LookupGuard.Refusal(five, T0.AddMinutes(18)));
        Assert.Null(LookupGuard.Refusal(five, T0.AddMinutes(19).AddSeconds(1)));
    }

    [Fact]
    public void Guesses_older_than_the_window_do_not_count()
    {
        var spread = Wrong(new LookupGuardRecord(), 0, 5, 10, 15, 20, 25, 30);
        Assert.Null(LookupGuard.Refusal(spread, T0.AddMinutes(30)));
        Assert.True(spread.WrongAttempts.Count < LookupGuard.MaxWrongAttempts);
    }
}
