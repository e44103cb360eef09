namespace DossierTracking.LoadTests.Reporting;

/// <summary>One administrative level of the workload: its intended share, its desks and procedures, and dossiers planned.</summary>
public sealed record LevelSummary(string Level, double Share, int ReceivingDesks, int OnlineProcedures, int PlannedDossiers);
