namespace DossierTracking.LoadTests.Reporting;

/// <summary>A desk or procedure code and how many planned dossiers it got.</summary>
public sealed record CodeCount(string Code, int Dossiers);
