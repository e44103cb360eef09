namespace DossierTracking.Silo.Configuration;

/// <summary>The Orleans dashboard for operators. Section <c>Dashboard</c>.</summary>
public sealed class OperatorDashboardOptions
{
    public const string Section = "Dashboard";

    /// <summary>
    /// Serves the Orleans dashboard under <c>/dashboard</c> on the HTTP port. Its metrics reader samples Orleans'
    /// gauges every second, and two of them walk every activation: at 150,000 active dossiers that cost about 13% of
    /// the silo's CPU in a profile. Silos holding several hundred thousand dossiers may turn it off and export metrics
    /// another way.
    /// </summary>
    public bool Enabled { get; set; } = true;
}
