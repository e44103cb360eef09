namespace DossierTracking.Silo.Configuration;

/// <summary>Measurement aids. Section <c>Diagnostics</c>.</summary>
public sealed class DiagnosticsOptions
{
    public const string Section = "Diagnostics";

    /// <summary>
    /// Serves dvc.probe.v1.ProbeService (echo, raw upsert, process statistics) for the load test's ceilings.
    /// Off by default: it writes to the database and reveals process facts.
    /// </summary>
    public bool EnableProbe { get; set; }
}
