namespace DossierTracking.Silo.Configuration;

/// <summary>The stored audit trail: how long it is kept and how it is written. Section <c>Audit</c>.</summary>
public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>
    /// How long entries are kept: three years by default, the time within which a person may still claim damages for
    /// the processing of their data (Civil Code 2015, art. 588), long after a dossier is closed. On PostgreSQL a
    /// month's partition is dropped once all of it is older than this; on SQLite older rows are deleted.
    /// </summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(1096);

    /// <summary>The most rows (entries plus the dossiers they name) one insert takes.</summary>
    public int BatchSize { get; set; } = 1000;

    /// <summary>How long the writer waits for more entries after the first before it inserts.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The most entries waiting in memory (the database slow or away); beyond it new entries are dropped and counted.</summary>
    public int BufferSize { get; set; } = 100_000;
}
