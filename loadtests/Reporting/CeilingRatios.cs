namespace DossierTracking.LoadTests.Reporting;

/// <summary>
/// Puts each real operation next to the bare endpoint of the same shape: lookups against the echo (same message,
/// no work; rate and p99), cold lookups against the raw select (one stored row read by key; rate and p99), writes
/// against the raw upsert (same row size, no grain; rate, silo CPU and WAL per call).
/// Submit is a write too, though measured in its own phase before the upsert: its ratio says how the machine's
/// submission rate compares with what its storage can take.
/// </summary>
public static class CeilingRatios
{
    public static IReadOnlyList<OperationRow> Apply(IReadOnlyList<OperationRow> rows)
    {
        var echo = rows.FirstOrDefault(r => r.Key == RowKeys.Echo);
        var upsert = rows.FirstOrDefault(r => r.Key == RowKeys.Upsert);
        var select = rows.FirstOrDefault(r => r.Key == RowKeys.Select);
        return rows.Select(row => row.Key switch
        {
            RowKeys.Echo or RowKeys.Upsert or RowKeys.Select => row with { IsCeiling = true },
            RowKeys.LookupUniform or RowKeys.LookupSkewed when echo is not null => row with
            {
                CeilingKey = echo.Key,
                RateVsCeiling = Ratio(row.RatePerSecond, echo.RatePerSecond),
                P99VsCeiling = Ratio(row.P99Ms, echo.P99Ms),
            },
            RowKeys.Cold when select is not null => row with
            {
                CeilingKey = select.Key,
                RateVsCeiling = Ratio(row.RatePerSecond, select.RatePerSecond),
                P99VsCeiling = Ratio(row.P99Ms, select.P99Ms),
            },
            RowKeys.Accept or RowKeys.Submit when upsert is not null => row with
            {
                CeilingKey = upsert.Key,
                RateVsCeiling = Ratio(row.RatePerSecond, upsert.RatePerSecond),
                ServerCpuVsCeiling = Ratio(row.ServerCpuMicrosPerCall, upsert.ServerCpuMicrosPerCall),
                WalVsCeiling = Ratio(row.WalBytesPerCall, upsert.WalBytesPerCall),
            },
            _ => row,
        }).ToList();
    }

    public static double? Ratio(double? value, double? ceiling) =>
        value is { } v && ceiling is { } c && c > 0 ? v / c : null;
}
