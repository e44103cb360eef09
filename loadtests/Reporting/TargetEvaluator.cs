using System.Globalization;

namespace DossierTracking.LoadTests.Reporting;

/// <summary>The performance targets, judged on a finished run. A missed target is a finding, not a failure of the run.</summary>
public static class TargetEvaluator
{
    public const double LookupRateShare = 0.8;
    public const double LookupP99Multiple = 2.0;
    public const double AcceptRateShare = 0.6;

    public static IReadOnlyList<TargetResult> Evaluate(IReadOnlyList<OperationRow> rows, SubmitSummary? submit, MemoryReport? memory)
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
        ];
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
