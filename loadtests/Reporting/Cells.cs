using System.Globalization;

namespace DossierTracking.LoadTests.Reporting;

/// <summary>How the numbers of a row read in the Markdown and console tables (the JSON keeps them unrounded).</summary>
public static class Cells
{
    public static readonly string[] Headers =
    [
        "Operation", "Calls", "Rate (/s)", "vs ceiling", "p50 (ms)", "p95 (ms)", "p99 (ms)", "max (ms)", "Server CPU (µs/call)", "Errors",
    ];

    public static string[] Of(OperationRow row) =>
    [
        row.Operation,
        Count(row.Calls),
        row.RatePerSecond is { } rate ? rate.ToString("N0", CultureInfo.InvariantCulture) : "–",
        VsCeiling(row),
        Ms(row.P50Ms),
        Ms(row.P95Ms),
        Ms(row.P99Ms),
        Ms(row.MaxMs),
        row.ServerCpuMicrosPerCall is { } cpu ? cpu.ToString("N1", CultureInfo.InvariantCulture) : "–",
        Errors(row),
    ];

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
