namespace DossierTracking.Silo.Configuration;

public enum ClusteringMode
{
    /// <summary>AdoNet with PostgreSQL storage, Localhost with SQLite.</summary>
    Auto,
    /// <summary>One silo on this machine (the embedded default).</summary>
    Localhost,
    /// <summary>Membership in the PostgreSQL database: any number of silos on any number of machines.</summary>
    AdoNet,
}
