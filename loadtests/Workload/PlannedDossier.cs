namespace DossierTracking.LoadTests.Workload;

/// <summary>
/// One dossier of the plan, as indices and numbers rather than strings, so that the full 440,000-dossier plan costs
/// a few megabytes; the request is built from it just before it is sent.
/// </summary>
public readonly record struct PlannedDossier(
    short Desk,
    short Procedure,
    bool Female,
    byte Family,
    byte Middle,
    byte Given,
    short BirthYear,
    int IdSerial,
    int PhoneSuffix);
