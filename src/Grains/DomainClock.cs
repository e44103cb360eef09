namespace DossierTracking.Grains;

/// <summary>
/// The key of the <see cref="TimeProvider"/> that dossier rules read "now" from. Kept apart from the unkeyed
/// provider Orleans itself uses, so that tests can drive deadlines with a fake clock without freezing the runtime.
/// </summary>
public static class DomainClock
{
    public const string Key = Contracts.DomainClockKey.Value;
}
