namespace DossierTracking.Silo.Configuration;

public enum StorageBackend
{
    /// <summary>The embedded default: a SQLite file in <see cref="StorageOptions.DataDirectory"/>; one silo, no server.</summary>
    Sqlite,
    /// <summary>Production: a PostgreSQL server named by <see cref="StorageOptions.ConnectionString"/>.</summary>
    PostgreSql,
}
