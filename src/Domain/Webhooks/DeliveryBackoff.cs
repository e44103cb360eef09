namespace DossierTracking.Domain.Webhooks;

/// <summary>
/// How long a subscription waits before trying a failed change again: doubling from the first delay up to the longest,
/// so an endpoint that is down for an hour is tried a few times an hour, not thousands of times.
/// </summary>
public static class DeliveryBackoff
{
    /// <param name="failedAttempts">Attempts at the change that have failed so far (1 after the first failure).</param>
    public static TimeSpan DelayAfter(int failedAttempts, TimeSpan first, TimeSpan longest)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failedAttempts, 1);
        var doublings = Math.Min(failedAttempts - 1, 30);
        var ticks = first.Ticks * Math.Pow(2, doublings);
        return ticks < longest.Ticks ? TimeSpan.FromTicks((long)ticks) : longest;
    }
}
