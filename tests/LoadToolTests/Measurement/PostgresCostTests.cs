using DossierTracking.LoadTests.Measurement;

namespace DossierTracking.LoadToolTests.Measurement;

/// <summary>The database figures per call: differences over a window, summed over slices, dropped where they mean nothing.</summary>
public sealed class PostgresCostTests
{
    [Fact]
    public void A_window_gives_each_figure_per_call()
    {
        var cost = PostgresCost.Between(new PostgresSample(1000, 5_000_000, 100, 40), new PostgresSample(1050, 7_000_000, 6_100, 2_040), calls: 1000);

        Assert.NotNull(cost);
        Assert.Equal(500.0, cost.CpuMicrosPerCall!.Value, 6);  // 50 ticks = 500 ms over 1,000 calls
        Assert.Equal(2000.0, cost.WalBytesPerCall!.Value, 6);
        Assert.Equal(6.0, cost.StatementsPerCall!.Value, 6);
        Assert.Equal(2.0, cost.TransactionsPerCall!.Value, 6);
    }

    [Fact]
    public void A_counter_that_went_down_or_could_not_be_read_leaves_only_that_figure_out()
    {
        var cost = PostgresCost.Between(new PostgresSample(null, 5_000, 500, 40), new PostgresSample(1050, 9_000, 10, 60), calls: 10);

        Assert.NotNull(cost);
        Assert.Null(cost.CpuMicrosPerCall);
        Assert.Null(cost.StatementsPerCall);
        Assert.Equal(400.0, cost.WalBytesPerCall!.Value, 6);
        Assert.Equal(2.0, cost.TransactionsPerCall!.Value, 6);
    }

    [Fact]
    public void Slices_add_up_and_a_figure_missing_in_one_slice_is_missing_in_the_sum()
    {
        var sum = PostgresCost.Sum([new PostgresCost(10, 1000, 50, 10, 10), new PostgresCost(20, 3000, null, 30, 30)]);

        Assert.NotNull(sum);
        Assert.Equal(40, sum.Calls);
        Assert.Equal(100.0, sum.WalBytesPerCall!.Value, 6);
        Assert.Equal(750.0, sum.CpuMicrosPerCall!.Value, 6);
        Assert.Null(sum.StatementsPerCall);
        Assert.Null(PostgresCost.Sum([new PostgresCost(10, 1000, 50, 10, 10), null]));
    }
}
