using System.Globalization;

namespace DossierTracking.LoadTests.Reporting;

/// <summary>
/// The performance targets, judged on a finished run. Every throughput and cost target is a ratio to a
/// ceiling measured in the same run, so it holds on any machine: lookups against the echo, cold lookups against the
/// raw select, writes against the raw upsert. A missed target is a finding, not a failure of the run.
/// </summary>
public static class TargetEvaluator
{
    public const double LookupRateShare = 0.9;
    public const double LookupP99Multiple = 1.5;
    public const double AcceptRateShare = 0.7;
    public const double AcceptCpuMultiple = 1.5;
    public const double AcceptWalMultiple = 1.5;
    public const double SubmitRateShare = 0.6;
    public const double ColdRateShare = 0.5;

    public static IReadOnlyList<TargetResult> Evaluate(IReadOnlyList<OperationRow> rows, SubmitSummary? submit, MemoryReport? memory, HotAgencySummary? hotAgency)
    {
        var echo = Row(rows, RowKeys.Echo);
        var upsert = Row(rows, RowKeys.Upsert);
        var accept = Row(rows, RowKeys.Accept);
        return
        [
            .. Lookup("uniform", Row(rows, RowKeys.LookupUniform), echo),
            .. Lookup("skewed", Row(rows, RowKeys.LookupSkewed), echo),
            AtLeast(
                Format($"Accept rate ≥ {AcceptRateShare:0.0} × upsert rate"),
                accept?.RateVsCeiling, AcceptRateShare, Rates(accept, upsert)),
            AtMost(
                Format($"Accept silo CPU ≤ {AcceptCpuMultiple:0.0} × upsert's"),
                accept?.ServerCpuVsCeiling, AcceptCpuMultiple, Pair(accept?.ServerCpuMicrosPerCall, upsert?.ServerCpuMicrosPerCall, "N1", " µs/call")),
            AtMost(
                Format($"Accept WAL ≤ {AcceptWalMultiple:0.0} × upsert's"),
                accept?.WalVsCeiling, AcceptWalMultiple, Pair(accept?.WalBytesPerCall, upsert?.WalBytesPerCall, "N0", " B/call"),
                accept is not null && upsert is not null && accept.WalBytesPerCall is null ? "no WAL figures (no --pg-connection)" : null),
            Submission(submit, Row(rows, RowKeys.Submit), upsert),
            AtLeast(
                Format($"Cold lookup rate ≥ {ColdRateShare:0.0} × raw-select rate"),
                Row(rows, RowKeys.Cold)?.RateVsCeiling, ColdRateShare, Rates(Row(rows, RowKeys.Cold), Row(rows, RowKeys.Select)),
                Row(rows, RowKeys.Cold) is null ? "cold did not run" : "no raw-select ceiling in this run"),
            Memory(memory),
            CatchUp(hotAgency),
        ];
    }

    private static TargetResult[] Lookup(string kind, OperationRow? lookup, OperationRow? echo) =>
    [
        AtLeast(Format($"Lookup ({kind}) rate ≥ {LookupRateShare:0.0} × echo rate"), lookup?.RateVsCeiling, LookupRateShare, Rates(lookup, echo)),
        AtMost(
            Format($"Lookup ({kind}) p99 ≤ {LookupP99Multiple:0.0} × echo p99"),
            lookup?.P99VsCeiling, LookupP99Multiple, Pair(lookup?.P99Ms, echo?.P99Ms, "0.00", " ms")),
    ];

    /// <summary>
    /// Every planned submission accepted, at a rate of at least a share of the raw upsert's. The wall time stays in the
    /// detail beside the upsert's rate: it says what this machine did, the ratio whether that is good for it.
    /// </summary>
    private static TargetResult Submission(SubmitSummary? submit, OperationRow? row, OperationRow? upsert)
    {
        var target = Format($"All submissions accepted, at ≥ {SubmitRateShare:0.0} × upsert rate");
        if (submit is null)
        {
            return new TargetResult(target, TargetStatus.NotMeasured, "submit did not run");
        }

        var accepted = Format($"{submit.Accepted:N0} of {submit.Planned:N0} accepted in {submit.WallSeconds:N1} s ({Rate(submit.RatePerSecond)}/s)");
        if (row?.RateVsCeiling is not { } ratio)
        {
            return new TargetResult(target, TargetStatus.NotMeasured, accepted + "; no upsert ceiling in this run (select the transition phase)");
        }

        var met = submit.AllAccepted && ratio >= SubmitRateShare;
        return new TargetResult(
            target,
            met ? TargetStatus.Met : TargetStatus.Missed,
            Format($"{ratio:0.00}× ({Rate(row.RatePerSecond)}/s vs upsert {Rate(upsert?.RatePerSecond)}/s); {accepted}"),
            ratio,
            SubmitRateShare);
    }

    private static TargetResult CatchUp(HotAgencySummary? hot)
    {
        var target = Format($"Agency figures catch up within {HotAgencySummary.CatchUpTarget.TotalSeconds:0} s of the last submission");
        return hot switch
        {
            null => new TargetResult(target, TargetStatus.NotMeasured, "hot-agency did not run"),
            { CaughtUp: null } => new TargetResult(target, TargetStatus.NotMeasured, hot.Accepted == 0 ? "no submission accepted" : "run stopped before the figures caught up"),
            { CaughtUp: false } => new TargetResult(target, TargetStatus.Missed, Format(
                $"{hot.AgencyCode} did not catch up within {HotAgencySummary.CatchUpTimeout.TotalSeconds:0} s: counted {hot.Counted:N0} of {hot.Accepted:N0} submissions; largest backlog {hot.LargestBacklog:N0}")),
            _ => new TargetResult(
                target,
                hot.CaughtUpWithinTarget ? TargetStatus.Met : TargetStatus.Missed,
                Format($"{hot.AgencyCode} caught up {hot.CatchUpMs:N0} ms after the last of {hot.Accepted:N0} submissions; largest backlog {hot.LargestBacklog:N0}")),
        };
    }

    private static OperationRow? Row(IReadOnlyList<OperationRow> rows, string key) => rows.FirstOrDefault(r => r.Key == key);

    private static string? Rates(OperationRow? row, OperationRow? ceiling) =>
        row is null || ceiling is null ? null : Format($"{Rate(row.RatePerSecond)}/s vs {Rate(ceiling.RatePerSecond)}/s");

    private static string? Pair(double? value, double? ceiling, string format, string unit) =>
        value is { } v && ceiling is { } c
            ? $"{v.ToString(format, CultureInfo.InvariantCulture)} vs {c.ToString(format, CultureInfo.InvariantCulture)}{unit}"
            : null;

    private static string Rate(double? rate) => rate is { } r ? r.ToString("N0", CultureInfo.InvariantCulture) : "–";

    private static TargetResult AtLeast(string target, double? value, double bound, string? compared, string? missing = null) =>
        value is not { } v
            ? new TargetResult(target, TargetStatus.NotMeasured, missing ?? "not measured")
            : new TargetResult(target, v >= bound ? TargetStatus.Met : TargetStatus.Missed, Detail(v, "×", compared), v, bound);

    private static TargetResult AtMost(string target, double? value, double bound, string? compared, string? missing = null) =>
        value is not { } v
            ? new TargetResult(target, TargetStatus.NotMeasured, missing ?? "not measured")
            : new TargetResult(target, v <= bound ? TargetStatus.Met : TargetStatus.Missed, Detail(v, "×", compared), v, bound);

    private static TargetResult Memory(MemoryReport? memory)
    {
        var target = Format($"Managed heap ≤ {MemoryReport.TargetKbPerDossier:0} KB per active dossier");
        const double bound = MemoryReport.TargetKbPerDossier;
        return memory?.ManagedKbPerDossier is not { } kb
            ? new TargetResult(target, TargetStatus.NotMeasured, "not measured")
            : new TargetResult(target, kb <= bound ? TargetStatus.Met : TargetStatus.Missed, Format($"{kb:0.00} KB"), kb, bound);
    }

    private static string Detail(double value, string unit, string? compared) =>
        compared is null ? Format($"{value:0.00}{unit}") : Format($"{value:0.00}{unit} ({compared})");

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
