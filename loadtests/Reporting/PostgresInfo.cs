namespace DossierTracking.LoadTests.Reporting;

/// <summary>The PostgreSQL server the database columns were measured on, and where each of their figures came from.</summary>
public sealed record PostgresInfo
{
    /// <summary>host:port/database, without user or password.</summary>
    public required string Server { get; init; }

    public required string Version { get; init; }

    /// <summary>The postmaster's process id on this machine; null when the server's processes are not readable here.</summary>
    public required int? PostmasterProcessId { get; init; }

    /// <summary>Why PostgreSQL's CPU is n/a, when it is (the server runs elsewhere, or /proc is not readable).</summary>
    public required string? CpuUnavailable { get; init; }

    /// <summary>Whether statements are counted (pg_stat_statements loaded); otherwise only transactions are.</summary>
    public required bool CountsStatements { get; init; }

    /// <summary>Why pg_stat_statements could not be used, when it could not.</summary>
    public required string? StatementsUnavailable { get; init; }

    /// <summary>The header of the table's counting column: statements when counted, else transactions.</summary>
    public string CountHeader => CountsStatements ? "PG stmts/call" : "PG xacts/call";

    /// <summary>The header line of the Markdown report and the console.</summary>
    public string Describe()
    {
        var cpu = PostmasterProcessId is { } pid
            ? $"CPU from /proc (postmaster pid {pid} and its children)"
            : $"CPU n/a ({CpuUnavailable})";
        var counts = CountsStatements
            ? "statements from pg_stat_statements (transactions from pg_stat_database in the JSON)"
            : $"transactions from pg_stat_database, not statements ({StatementsUnavailable})";
        return $"PostgreSQL {Version} at {Server}: {cpu}; WAL from pg_current_wal_insert_lsn(); {counts}";
    }
}
