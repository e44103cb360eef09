using DossierTracking.LoadTests.Measurement;

namespace DossierTracking.LoadToolTests.Measurement;

/// <summary>The write group's PostgreSQL profile: what grew between two readings of pg_stat_statements, largest first.</summary>
public sealed class StatementProfileTests
{
    [Fact]
    public void Statements_are_ranked_by_the_time_they_took_in_the_window_with_their_cost_per_call()
    {
        var before = new Dictionary<long, StatementProfile.Counters>
        {
            [1] = new(100, 50, 10_000, "INSERT INTO dvc_grain_state ..."),
            [2] = new(10, 400, 0, "SELECT key_text, payload FROM dvc_grain_state WHERE key_text = ANY($1)"),
        };
        var after = new Dictionary<long, StatementProfile.Counters>
        {
            [1] = new(1_100, 150, 910_000, "INSERT INTO dvc_grain_state ..."),
            [2] = new(10, 400, 0, "SELECT key_text, payload FROM dvc_grain_state WHERE key_text = ANY($1)"),
            [3] = new(20, 300, 2_000, "INSERT   INTO\n dvc_audit (id, at) SELECT * FROM unnest($1, $2)"),
        };

        var lines = StatementProfile.Lines(before, after, top: 5);

        // The idle statement is left out; the newcomer took 300 of the 400 ms the window's statements took.
        Assert.Equal(2, lines.Count);
        Assert.StartsWith("75% of statement time: 20 calls, 15,000 µs and 100 B WAL each: INSERT INTO dvc_audit (id, at)", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("25% of statement time: 1,000 calls, 100 µs and 900 B WAL each: INSERT INTO dvc_grain_state", lines[1], StringComparison.Ordinal);
        Assert.Empty(StatementProfile.Lines(after, after, top: 5));
    }
}
