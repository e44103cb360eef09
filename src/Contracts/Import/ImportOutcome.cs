namespace DossierTracking.Contracts.Import;

[GenerateSerializer, Alias("dvc.ImportOutcome")]
public enum ImportOutcome
{
    Unspecified = 0,
    Imported = 1,
    /// <summary>The same line was imported before (same source, source id and content): nothing changed.</summary>
    AlreadyImported = 2,
    /// <summary>The line was refused (see the failure): nothing changed.</summary>
    Refused = 3,
}
