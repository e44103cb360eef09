namespace DossierTracking.LoadTests.Measurement;

/// <summary>
/// PostgreSQL's counters at one moment: the CPU ticks of the server's process tree (when it runs on this machine), the
/// WAL insert position in bytes, statements executed (pg_stat_statements, when loaded) and transactions ended
/// (pg_stat_database). Each is null when it could not be read.
/// </summary>
public readonly record struct PostgresSample(long? CpuTicks, long? WalPosition, long? Statements, long? Transactions);
