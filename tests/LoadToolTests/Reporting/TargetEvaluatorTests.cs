using DossierTracking.LoadTests.Reporting;

namespace DossierTracking.LoadToolTests.Reporting;

/// <summary>
/// The verdicts a run's reader acts on: each target is a ratio to a ceiling of the same run, met or missed on the
/// right side of its bound, and "not measured" (never met) when a figure is missing.
/// </summary>
public sealed class TargetEvaluatorTests
{
    private static readonly SubmitSummary AllSubmitted = new() { Planned = 1000, Accepted = 1000, WallSeconds = 1 };

    [Fact]
    public void A_transition_close_to_the_upsert_in_rate_cpu_and_wal_meets_its_three_targets()
    {
        var targets = Evaluate(
            Rows.Of(RowKeys.Upsert, rate: 1000, siloCpu: 100, wal: 1000),
            Rows.Of(RowKeys.Accept, rate: 700, siloCpu: 150, wal: 1500));

        Assert.Equal(TargetStatus.Met, Find(targets, "Accept rate").Status);
        Assert.Equal(TargetStatus.Met, Find(targets, "Accept silo CPU").Status);
        Assert.Equal(TargetStatus.Met, Find(targets, "Accept WAL").Status);
        Assert.Equal(0.7, Find(targets, "Accept rate").Value!.Value, 3);
        Assert.Equal("1.50× (1,500 vs 1,000 B/call)", Find(targets, "Accept WAL").Detail);
    }

    [Fact]
    public void A_transition_slower_or_costlier_than_its_bounds_misses_each_target_it_exceeds()
    {
        var targets = Evaluate(
            Rows.Of(RowKeys.Upsert, rate: 1000, siloCpu: 100, wal: 1000),
            Rows.Of(RowKeys.Accept, rate: 690, siloCpu: 151, wal: 1200));

        Assert.Equal(TargetStatus.Missed, Find(targets, "Accept rate").Status);
        Assert.Equal(TargetStatus.Missed, Find(targets, "Accept silo CPU").Status);
        Assert.Equal(TargetStatus.Met, Find(targets, "Accept WAL").Status);
    }

    [Fact]
    public void Without_database_figures_the_wal_target_is_not_measured_and_says_why()
    {
        var targets = Evaluate(Rows.Of(RowKeys.Upsert, rate: 1000, siloCpu: 100), Rows.Of(RowKeys.Accept, rate: 800, siloCpu: 120));

        var wal = Find(targets, "Accept WAL");
        Assert.Equal(TargetStatus.NotMeasured, wal.Status);
        Assert.Contains("--pg-connection", wal.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Submission_is_judged_against_the_upsert_rate_and_keeps_the_wall_time_as_information()
    {
        var upsert = Rows.Of(RowKeys.Upsert, rate: 1000);
        var met = Evaluate(AllSubmitted, upsert, Rows.Of(RowKeys.Submit, rate: 600));
        var slow = Evaluate(AllSubmitted, upsert, Rows.Of(RowKeys.Submit, rate: 590));
        var lost = Evaluate(AllSubmitted with { Accepted = 999 }, upsert, Rows.Of(RowKeys.Submit, rate: 900));

        var submission = Find(met, "All submissions");
        Assert.Equal(TargetStatus.Met, submission.Status);
        Assert.Contains("1,000 of 1,000 accepted in 1.0 s", submission.Detail, StringComparison.Ordinal);
        Assert.Contains("upsert 1,000/s", submission.Detail, StringComparison.Ordinal);
        Assert.Equal(TargetStatus.Missed, Find(slow, "All submissions").Status);
        Assert.Equal(TargetStatus.Missed, Find(lost, "All submissions").Status);
        Assert.DoesNotContain(met, t => t.Target.Contains("240", StringComparison.Ordinal));
    }

    [Fact]
    public void Submission_without_an_upsert_ceiling_is_not_measured()
    {
        var targets = Evaluate(AllSubmitted, Rows.Of(RowKeys.Submit, rate: 600));

        Assert.Equal(TargetStatus.NotMeasured, Find(targets, "All submissions").Status);
    }

    [Fact]
    public void Both_lookups_are_judged_against_the_echo_in_rate_and_p99()
    {
        var targets = Evaluate(
            Rows.Of(RowKeys.Echo, rate: 1000, p99Ms: 4),
            Rows.Of(RowKeys.LookupUniform, rate: 900, p99Ms: 6),
            Rows.Of(RowKeys.LookupSkewed, rate: 899, p99Ms: 6.1));

        Assert.Equal(TargetStatus.Met, Find(targets, "Lookup (uniform) rate").Status);
        Assert.Equal(TargetStatus.Met, Find(targets, "Lookup (uniform) p99").Status);
        Assert.Equal(TargetStatus.Missed, Find(targets, "Lookup (skewed) rate").Status);
        Assert.Equal(TargetStatus.Missed, Find(targets, "Lookup (skewed) p99").Status);
    }

    [Fact]
    public void Cold_lookups_are_judged_against_the_raw_select_and_without_it_are_not_measured()
    {
        var select = Rows.Of(RowKeys.Select, rate: 1000, p99Ms: 10);

        var met = Find(Evaluate(select, Rows.Of(RowKeys.Cold, rate: 500, p99Ms: 30)), "Cold lookup rate");
        var missed = Find(Evaluate(select, Rows.Of(RowKeys.Cold, rate: 499)), "Cold lookup rate");
        var alone = Find(Evaluate(Rows.Of(RowKeys.Cold, rate: 5000)), "Cold lookup rate");

        Assert.Equal((TargetStatus.Met, 0.5), (met.Status, met.Value));
        Assert.Contains("500/s vs 1,000/s", met.Detail, StringComparison.Ordinal);
        Assert.Equal(TargetStatus.Missed, missed.Status);
        Assert.Equal(TargetStatus.NotMeasured, alone.Status);
        Assert.Contains("raw-select", alone.Detail, StringComparison.Ordinal);
        Assert.Equal(3.0, CeilingRatios.Apply([select, Rows.Of(RowKeys.Cold, rate: 500, p99Ms: 30)])[1].P99VsCeiling!.Value, 3);
    }

    private static IReadOnlyList<TargetResult> Evaluate(params OperationRow[] rows) => Evaluate(null, rows);

    private static IReadOnlyList<TargetResult> Evaluate(SubmitSummary? submit, params OperationRow[] rows) =>
        TargetEvaluator.Evaluate(CeilingRatios.Apply(rows), submit, memory: null, hotAgency: null);

    private static TargetResult Find(IReadOnlyList<TargetResult> targets, string start) =>
        Assert.Single(targets, t => t.Target.StartsWith(start, StringComparison.Ordinal));
}
