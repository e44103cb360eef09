using DossierTracking.LoadTests.Reporting;

namespace DossierTracking.LoadToolTests.Reporting;

/// <summary>Result rows as a run would produce them, with only the figures a test is about.</summary>
internal static class Rows
{
    public static OperationRow Of(
        string key,
        double rate,
        double p99Ms = 5,
        double? siloCpu = null,
        double? wal = null,
        double? postgresCpu = null,
        double? statements = null,
        double? transactions = null) => new()
    {
        Key = key,
        Operation = key,
        Phase = key,
        Calls = 1000,
        Succeeded = 1000,
        Errors = 0,
        ErrorsByKind = new Dictionary<string, long>(),
        DurationSeconds = 1000 / rate,
        RatePerSecond = rate,
        P50Ms = 1,
        P95Ms = 2,
        P99Ms = p99Ms,
        P999Ms = p99Ms,
        MaxMs = p99Ms,
        MeanMs = 1,
        ServerCpuMicrosPerCall = siloCpu,
        WalBytesPerCall = wal,
        PostgresCpuMicrosPerCall = postgresCpu,
        StatementsPerCall = statements,
        TransactionsPerCall = transactions,
    };

    public static PostgresInfo Postgres(bool local = true, bool statements = true) => new()
    {
        Server = "127.0.0.1:5432/dossiers",
        Version = "15.0",
        PostmasterProcessId = local ? 4242 : null,
        CpuUnavailable = local ? null : "the server's processes are not on this machine",
        CountsStatements = statements,
        StatementsUnavailable = statements ? null : "pg_stat_statements is not in shared_preload_libraries",
    };
}
