namespace DossierTracking.LoadTests.Measurement;

/// <summary>
/// What PostgreSQL spent over a measured window (or several, summed): CPU of its processes, WAL written, statements
/// and transactions, and the calls they are divided by. Totals are kept rather than per-call figures so windows add.
/// </summary>
public sealed record PostgresCost(double? CpuMilliseconds, long? WalBytes, long? Statements, long? Transactions, long Calls)
{
    public double? CpuMicrosPerCall => PerCall(CpuMilliseconds * 1000.0);

    public double? WalBytesPerCall => PerCall(WalBytes);

    public double? StatementsPerCall => PerCall(Statements);

    public double? TransactionsPerCall => PerCall(Transactions);

    public static PostgresCost? Between(PostgresSample start, PostgresSample end, long calls)
    {
        double? cpuMs = Difference(start.CpuTicks, end.CpuTicks) is { } ticks ? ProcStat.TicksToMilliseconds(ticks) : null;
        var cost = new PostgresCost(
            cpuMs,
            Difference(start.WalPosition, end.WalPosition),
            Difference(start.Statements, end.Statements),
            Difference(start.Transactions, end.Transactions),
            calls);
        return cost.IsEmpty ? null : cost;
    }

    /// <summary>
    /// Several windows over the calls of all of them. A figure missing in any window is left out: its total would
    /// cover only some of the calls it is divided by.
    /// </summary>
    public static PostgresCost? Sum(IReadOnlyCollection<PostgresCost?> windows)
    {
        if (windows.Count == 0 || windows.Any(w => w is null))
        {
            return null;
        }

        var parts = windows.Select(w => w!).ToArray();
        var cost = new PostgresCost(
            parts.All(p => p.CpuMilliseconds is not null) ? parts.Sum(p => p.CpuMilliseconds!.Value) : null,
            parts.All(p => p.WalBytes is not null) ? parts.Sum(p => p.WalBytes!.Value) : null,
            parts.All(p => p.Statements is not null) ? parts.Sum(p => p.Statements!.Value) : null,
            parts.All(p => p.Transactions is not null) ? parts.Sum(p => p.Transactions!.Value) : null,
            parts.Sum(p => p.Calls));
        return cost.IsEmpty ? null : cost;
    }

    private bool IsEmpty => CpuMilliseconds is null && WalBytes is null && Statements is null && Transactions is null;

    /// <summary>
    /// A counter that went down was reset or restarted (the server, or pg_stat_statements evicting entries) during
    /// the window: its difference means nothing.
    /// </summary>
    private static long? Difference(long? start, long? end) =>
        start is { } a && end is { } b && b >= a ? b - a : null;

    private double? PerCall(double? total) => total is { } value && Calls > 0 ? value / Calls : null;
}
