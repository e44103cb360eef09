namespace DossierTracking.Silo.Configuration;

/// <summary>The Orleans dashboard for operators. Section <c>Dashboard</c>.</summary>
public sealed class OperatorDashboardOptions
{
    public const string Section = "Dashboard";

    /// <summary>
    /// Serves the Orleans dashboard under <c>/dashboard</c> on the HTTP port, to operators only, with every storage.
    /// Its counters are fed by <c>DashboardCounterFeed</c>: the dashboard's own feed had cost 30% of the silo's CPU
    /// at 440,000 active dossiers.
    /// </summary>
    public bool Enabled { get; set; } = true;
}
