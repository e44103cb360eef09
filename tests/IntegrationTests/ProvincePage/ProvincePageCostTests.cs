using DossierTracking.GrpcApi.Security;
using DossierTracking.IntegrationTests.Infrastructure;
using DossierTracking.Silo.ProvincePage;
using Microsoft.Extensions.DependencyInjection;
using static DossierTracking.IntegrationTests.Infrastructure.Requests;

namespace DossierTracking.IntegrationTests.ProvincePage;

/// <summary>
/// However many browsers poll the page, a silo asks its agencies once per refresh interval: concurrent requests share
/// one gathering and later ones reuse it. (The interval is a minute here, so a slow machine cannot start a second.)
/// </summary>
public sealed class ProvincePageCostTests
{
    [Fact]
    public async Task Many_viewers_polling_at_once_make_the_silo_ask_the_agencies_once()
    {
        await using var host = await TestHost.StartAsync(settings: new Dictionary<string, string?> { ["ProvincePage:RefreshInterval"] = "00:01:00" });
        using var client = new ProvincePageClient(host);
        var source = host.Services.GetRequiredService<ProvinceFigureSource>();
        var viewers = new[]
        {
            TestTokens.For(Roles.Operator),
            TestTokens.For(Roles.Supervisor),
            TestTokens.For(Roles.AgencyLeader, agency: Construction),
            TestTokens.For(Roles.AgencyLeader, agency: HaLong),
        };

        var snapshots = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => client.FiguresAsync(viewers[i % viewers.Length])));
        await client.FiguresAsync(viewers[0], Construction);

        Assert.Equal(1, source.Gathered);
        Assert.Single(snapshots.Select(s => s.GetProperty("evaluatedAt").GetString()).Distinct());
        Assert.Equal(60, snapshots[0].GetProperty("refreshSeconds").GetDouble());
    }
}
