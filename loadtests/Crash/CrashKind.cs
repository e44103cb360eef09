namespace DossierTracking.LoadTests.Crash;

/// <summary>What a crash round does to the service and what it times.</summary>
public enum CrashKind
{
    /// <summary>SIGKILL of one silo of the cluster: the time until every dossier acknowledged before is served again.</summary>
    Kill,

    /// <summary>SIGTERM of one silo: the time until it has handed its grains over and exited, while calls go on.</summary>
    Drain,

    /// <summary>PostgreSQL stopped at once, then started again: the time from its return until a new submission succeeds.</summary>
    Outage,
}
