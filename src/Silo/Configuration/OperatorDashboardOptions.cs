namespace DossierTracking.Silo.Configuration;

/// <summary>The Orleans dashboard for operators. Section <c>Dashboard</c>.</summary>
public sealed class OperatorDashboardOptions
{
    public const string Section = "Dashboard";

    /// <summary>
    /// Serves the Orleans dashboard under <c>/dashboard</c> on the HTTP port. Unset: on with the embedded SQLite
    /// storage (development, one silo), off with PostgreSQL (production). Why off at scale: the dashboard's metrics
    /// reader samples Orleans' gauges every second and two of them walk every activation; measured here that took
    /// 13.7% of the silo's CPU at 200,000 active dossiers and 30% at 440,000. Turn it on to investigate, on one
    /// silo or for a while.
    /// </summary>
    public bool? Enabled { get; set; }

    public bool IsEnabled(StorageBackend storage) => Enabled ?? storage == StorageBackend.Sqlite;
}
