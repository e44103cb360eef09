using DossierTracking.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using Orleans.Runtime;
using static DossierTracking.IntegrationTests.Duties.DutyScenario;
using static DossierTracking.IntegrationTests.Infrastructure.Requests;
using ContractAction = DossierTracking.Contracts.Dossiers.DossierAction;
using IDossierGrain = DossierTracking.Contracts.Dossiers.IDossierGrain;
using IDutySweepGrain = DossierTracking.Contracts.Duties.IDutySweepGrain;

namespace DossierTracking.IntegrationTests.Duties;

/// <summary>
/// Two silos of one cluster on PostgreSQL, each waking the sweep itself every 0.2 s, while the test also sweeps and
/// asks the dossiers to do their duties from both silos at once: each duty is done exactly once. Both silos are hosts
/// in this process, so they share one fake domain clock (a silo process could only run on the real one).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class DutyClusterTests(PostgresFixture postgres)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task With_two_silos_sweeping_and_asking_at_once_each_duty_is_done_once()
    {
        var clock = new FakeTimeProvider(Received);
        var settings = new Dictionary<string, string?>(await postgres.NewDatabaseSettingsAsync())
        {
            ["Silo:Clustering"] = "AdoNet",
            ["Silo:ClusterId"] = "duties-" + Guid.NewGuid().ToString("N")[..8],
            ["Duties:Enabled"] = "true",
            ["Duties:SweepInterval"] = "00:00:00.200",
        };
        await using var first = await TestHost.StartAsync(clock: clock, settings: settings);
        await using var second = await TestHost.StartAsync(clock: clock, settings: settings);
        var hosts = new[] { first, second };
        var silos = await Eventually(() => first.Grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true), h => h.Count == 2);
        Assert.Equal(2, silos.Count);

        var waiting = await AwaitingSupplementAsync(first.Dossiers, Local(2020, 10, 30, 17, 0));
        var processing = await ProcessingAsync(second.Dossiers);
        var atDesk = await ResultReadyAsync(first.Dossiers, byPost: false);
        var withPost = await ResultReadyAsync(second.Dossiers, byPost: true);
        var expected = new List<(string Code, ContractAction Action)>
        {
            (waiting, ContractAction.ExpireSupplement), (processing, ContractAction.DueSoon),
            (atDesk, ContractAction.ResultUncollected), (withPost, ContractAction.ShipmentSilent),
        };

        // Everything but the overdue warning is due now: the silos' own sweep does it, with no outside caller.
        clock.SetUtcNow(DueSoonFrom.AddMinutes(1));
        foreach (var (code, action) in expected)
        {
            Assert.Equal(1, await Eventually(() => CountAsync(second.Grains, code, action), n => n > 0));
        }

        await Task.WhenAll(Hammer(hosts, expected.Select(e => e.Code)));
        clock.SetUtcNow(Due.AddMinutes(1));
        expected.Add((processing, ContractAction.Overdue));
        await Task.WhenAll(Hammer(hosts, expected.Select(e => e.Code)));
        Assert.Equal(1, await Eventually(() => CountAsync(first.Grains, processing, ContractAction.Overdue), n => n > 0));

        // Some more rounds on both silos, then each duty was still done once (counted in the dossiers' history).
        await Task.Delay(TimeSpan.FromSeconds(2));
        await Task.WhenAll(Hammer(hosts, expected.Select(e => e.Code)));
        foreach (var (code, action) in expected)
        {
            Assert.Equal(1, await CountAsync(first.Grains, code, action));
        }

        Assert.Equal([ContractAction.Receive, ContractAction.Forward, ContractAction.DueSoon, ContractAction.Overdue],
            (await HistoryAsync(first.Grains, processing)).Select(h => h.Action));
    }

    /// <summary>From both silos at once: two sweeps and, for every dossier, two direct requests to do its duties.</summary>
    private static IEnumerable<Task> Hammer(IEnumerable<TestHost> hosts, IEnumerable<string> codes) =>
        hosts.SelectMany(host => codes.Distinct().Select(code => (Task)host.Grains.GetGrain<IDossierGrain>(code).RunDutiesAsync())
            .Append(host.Grains.GetGrain<IDutySweepGrain>(0).SweepAsync()));

    private static async Task<T> Eventually<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(100);
        }
    }
}
