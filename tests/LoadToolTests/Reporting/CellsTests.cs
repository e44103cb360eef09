using DossierTracking.LoadTests.Reporting;

namespace DossierTracking.LoadToolTests.Reporting;

/// <summary>The table's database columns: there when PostgreSQL was measured, n/a where they cannot be, named for what they count.</summary>
public sealed class CellsTests
{
    private static readonly OperationRow Accept = Rows.Of(RowKeys.Accept, rate: 800, siloCpu: 150.26, wal: 1834.4, postgresCpu: 95.5, statements: 6.25, transactions: 2);

    [Fact]
    public void With_a_local_server_counting_statements_each_database_figure_has_its_column()
    {
        var postgres = Rows.Postgres();
        var cells = Columns(postgres, Accept);

        Assert.Equal(Cells.Headers(postgres).Length, Cells.Of(Accept, postgres).Length);
        Assert.Equal("150.3", cells["Silo CPU (µs/call)"]);
        Assert.Equal("95.5", cells["PG CPU (µs/call)"]);
        Assert.Equal("1,834", cells["WAL (B/call)"]);
        Assert.Equal("6.25", cells["PG stmts/call"]);
    }

    [Fact]
    public void A_server_on_another_machine_gives_na_for_its_cpu_and_transactions_count_without_pg_stat_statements()
    {
        var cells = Columns(Rows.Postgres(local: false, statements: false), Accept);

        Assert.Equal("n/a", cells["PG CPU (µs/call)"]);
        Assert.Equal("2.00", cells["PG xacts/call"]);
        Assert.False(cells.ContainsKey("PG stmts/call"));
    }

    [Fact]
    public void Without_a_database_connection_the_table_has_no_database_columns()
    {
        Assert.DoesNotContain(Cells.Headers(null), h => h.StartsWith("PG", StringComparison.Ordinal) || h.StartsWith("WAL", StringComparison.Ordinal));
        Assert.Equal(Cells.Headers(null).Length, Cells.Of(Accept, null).Length);
    }

    private static Dictionary<string, string> Columns(PostgresInfo postgres, OperationRow row) =>
        Cells.Headers(postgres).Zip(Cells.Of(row, postgres)).ToDictionary(pair => pair.First, pair => pair.Second);
}
