using System.Globalization;

namespace DossierTracking.LoadTests.Reporting;

/// <summary>How the numbers of a row read in the Markdown and console tables (the JSON keeps them unrounded).</summary>
public static class Cells
{
    /// <summary>
    /// The table's columns; the database columns only when PostgreSQL was measured (--pg-connection), the last of them
    /// named after what it counts (statements, or transactions without pg_stat_statements).
    /// </summary>
    public static string[] Headers(PostgresInfo? postgres) =>
    [
        "Operation", "Calls", "Rate (/s)", "vs ceiling", "p50 (ms)", "p95 (ms)", "p99 (ms)", "max (ms)", "Silo CPU (µs/call)",
        .. postgres is null ? [] : new[] { "PG CPU (µs/call)", "WAL (B/call)", postgres.CountHeader },
        "Errors",
    ];

    public static string[] Of(OperationRow row, PostgresInfo? postgres) =>
    [
        row.Operation,
        Count(row.Calls),
        row.RatePerSecond is { } rate ? rate.ToString("N0", CultureInfo.InvariantCulture) : "–",
        VsCeiling(row),
        Ms(row.P50Ms),
        Ms(row.P95Ms),
        Ms(row.P99Ms),
        Ms(row.MaxMs),
        Number(row.ServerCpuMicrosPerCall, "N1"),
        .. postgres is null ? [] : DatabaseCells(row, postgres),
        Errors(row),
    ];

    /// <summary>PostgreSQL's CPU reads n/a when its processes are not on this machine, "–" when a window missed it.</summary>
    private static string[] DatabaseCells(OperationRow row, PostgresInfo postgres) =>
    [
        postgres.PostmasterProcessId is null ? "n/a" : Number(row.PostgresCpuMicrosPerCall, "N1"),
        Number(row.WalBytesPerCall, "N0"),
        Number(postgres.CountsStatements ? row.StatementsPerCall : row.TransactionsPerCall, "N2"),
    ];

    public static string Number(double? value, string format) =>
        value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "–";

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Ms(double? value) => value is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "–";

    public static string Ratio(double value) => value.ToString("0.00", CultureInfo.InvariantCulture) + "×";

    public static string Kb(double? value) => value is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) + " KB" : "–";

    public static string Mb(long bytes) => (bytes / 1024.0 / 1024.0).ToString("N1", CultureInfo.InvariantCulture) + " MB";

    public static string VsCeiling(OperationRow row)
    {
        if (row.IsCeiling)
        {
            return "ceiling";
        }

        if (row.RateVsCeiling is not { } rate)
        {
            return "";
        }

        return row.P99VsCeiling is { } p99 ? $"{Ratio(rate)} (p99 {Ratio(p99)})" : Ratio(rate);
    }

    public static string Errors(OperationRow row) =>
        row.Errors == 0
            ? "0"
            : $"{Count(row.Errors)} ({string.Join(", ", row.ErrorsByKind.OrderByDescending(e => e.Value).Select(e => $"{e.Key} {Count(e.Value)}"))})";
}
