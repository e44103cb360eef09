namespace DossierTracking.Silo.Configuration;

/// <summary>Where grain state lives. Section <c>Storage</c>.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";
    public const string DefaultDataDirectory = "data";
    public const string SqliteFileName = "dossiers.db";

    /// <summary><c>Sqlite</c> (default, embedded, single silo) or <c>PostgreSql</c>.</summary>
    public StorageBackend Provider { get; set; } = StorageBackend.Sqlite;

    /// <summary>For SQLite: the folder of the database file, relative to the working directory. Created when missing.</summary>
    public string DataDirectory { get; set; } = DefaultDataDirectory;

    /// <summary>For PostgreSQL: an Npgsql connection string (Host=...;Port=...;Database=...;Username=...;Password=...).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>How long start-up waits for the database to answer before giving up with a message.</summary>
    public TimeSpan StartupTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
