namespace DossierTracking.Contracts;

/// <summary>The service key of the <see cref="TimeProvider"/> that the dossier rules and the API read "now" from.</summary>
public static class DomainClockKey
{
    public const string Value = "dossier-clock";
}
