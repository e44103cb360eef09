using System.Globalization;

namespace DossierTracking.LoadTests.Reporting;

/// <summary>The performance targets, judged on a finished run. A missed target is a finding, not a failure of the run.</summary>
public static class TargetEvaluator
{
    public const double LookupRateShare = 0.8;
    public const double LookupP99Multiple = 2.0;
    public const double AcceptRateShare = 0.6;

    public static IReadOnlyList<TargetResult> Evaluate(IReadOnlyList<OperationRow> rows, SubmitSummary? submit, MemoryReport? memory, HotAgencySummary? hotAgency)
    {
        var lookup = rows.FirstOrDefault(r => r.Key == RowKeys.LookupUniform);
        var accept = rows.FirstOrDefault(r => r.Key == RowKeys.Accept);
        return
        [
            AtLeast($"Lookup (uniform) rate ≥ {LookupRateShare:0.0} × echo rate", lookup?.RateVsCeiling, LookupRateShare, "×"),
            AtMost($"Lookup (uniform) p99 ≤ {LookupP99Multiple:0} × echo p99", lookup?.P99VsCeiling, LookupP99Multiple, "×"),
            AtLeast($"Accept rate ≥ {AcceptRateShare:0.0} × upsert rate", accept?.RateVsCeiling, AcceptRateShare, "×"),
            submit is null
                ? new TargetResult("All submissions accepted within 240 s", TargetStatus.NotMeasured, "submit did not run")
                : new TargetResult(
                    "All submissions accepted within 240 s",
                    submit.AllAcceptedWithinLimit ? TargetStatus.Met : TargetStatus.Missed,
                    Format($"{submit.Accepted:N0} of {submit.Planned:N0} accepted in {submit.WallSeconds:N1} s")),
            AtMost($"Managed heap ≤ {MemoryReport.TargetKbPerDossier:0} KB per active dossier", memory?.ManagedKbPerDossier, MemoryReport.TargetKbPerDossier, " KB"),
            CatchUp(hotAgency),
        ];
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

    private static TargetResult AtLeast(string target, double? value, double bound, string unit) =>
        value is not { } v
            ? new TargetResult(target, TargetStatus.NotMeasured, "not measured")
            : new TargetResult(target, v >= bound ? TargetStatus.Met : TargetStatus.Missed, Format($"{v:0.00}{unit}"));

    private static TargetResult AtMost(string target, double? value, double bound, string unit) =>
        value is not { } v
            ? new TargetResult(target, TargetStatus.NotMeasured, "not measured")
            : new TargetResult(target, v <= bound ? TargetStatus.Met : TargetStatus.Missed, Format($"{v:0.00}{unit}"));

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
