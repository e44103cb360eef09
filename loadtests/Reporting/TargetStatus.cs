namespace DossierTracking.LoadTests.Reporting;

public enum TargetStatus
{
    Met,
    Missed,
    NotMeasured,
}
