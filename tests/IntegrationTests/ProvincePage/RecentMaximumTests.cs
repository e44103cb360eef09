using DossierTracking.Silo.ProvincePage;

namespace DossierTracking.IntegrationTests.ProvincePage;

/// <summary>The province page's lags: the largest value of the last minute, forgotten once a minute old.</summary>
public sealed class RecentMaximumTests
{
    [Fact]
    public void The_largest_value_of_the_last_minute_is_kept_until_it_is_a_minute_old()
    {
        var lag = new RecentMaximum();
        Assert.Null(lag.Read(1000));

        lag.Record(0.4, 1000);
        lag.Record(2.5, 1010);
        lag.Record(0.7, 1010);
        lag.Record(1.0, 1050);

        Assert.Equal(2.5, lag.Read(1050));
        Assert.Equal(2.5, lag.Read(1069));
        Assert.Equal(1.0, lag.Read(1070)); // 2.5 was recorded 60 s before
        Assert.Equal(1.0, lag.Read(1109));
        Assert.Null(lag.Read(1110));

        // A slot is reused a minute later: the old second's value does not linger in it.
        lag.Record(0.1, 1110);
        Assert.Equal(0.1, lag.Read(1110));
    }
}
