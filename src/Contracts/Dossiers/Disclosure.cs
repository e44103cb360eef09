namespace DossierTracking.Contracts.Dossiers;

/// <summary>How much of a dossier a reader may see.</summary>
[GenerateSerializer, Alias("dvc.Disclosure")]
public enum Disclosure
{
    /// <summary>The public view: progress, units, dates; the name masked; no personal data, notes or amounts.</summary>
    Public = 0,
    /// <summary>Everything.</summary>
    Full = 1,
}
