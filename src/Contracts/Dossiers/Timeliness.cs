namespace DossierTracking.Contracts.Dossiers;

/// <summary>
/// How a dossier stands against its due date. Finished dossiers are Early, OnTime or Late (by calendar date);
/// open ones are WithinDeadline or Overdue at a given moment.
/// </summary>
[GenerateSerializer, Alias("dvc.Timeliness")]
public enum Timeliness
{
    /// <summary>No due date applies (not yet received, refused at intake, stopped).</summary>
    NotApplicable = 0,
    WithinDeadline = 1,
    Overdue = 2,
    Early = 3,
    OnTime = 4,
    Late = 5,
}
