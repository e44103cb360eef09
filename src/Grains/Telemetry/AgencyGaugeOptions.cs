namespace DossierTracking.Grains.Telemetry;

/// <summary>How the open and overdue dossiers of each agency reach the metrics (the host sets it from its telemetry settings).</summary>
public sealed class AgencyGaugeOptions
{
    /// <summary>
    /// How often an active agency grain counts its open and overdue dossiers for the gauges, besides whenever it
    /// computes its figures for a caller. Zero (the default when no host telemetry is configured) turns the gauges off.
    /// </summary>
    public TimeSpan RefreshInterval { get; set; }
}
