using System.Diagnostics;
using System.Net;
using DossierTracking.IntegrationTests.Infrastructure;
using DossierTracking.Silo.Hosting;
using DossierTracking.Silo.Storage;
using Grpc.Core;
using Grpc.Health.V1;
using Microsoft.Extensions.DependencyInjection;

namespace DossierTracking.IntegrationTests.Hosting;

/// <summary>Readiness follows the database, and probing it does not cost the database a query per probe.</summary>
[Collection(PostgresCollection.Name)]
public sealed class HealthStorageTests(PostgresFixture postgres)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task While_PostgreSQL_is_down_ready_answers_503_and_gRPC_health_not_serving_while_live_still_answers()
    {
        await using var host = await TestHost.StartAsync(settings: await postgres.NewDatabaseSettingsAsync());
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var ready = $"http://127.0.0.1:{host.HttpPort}{HealthComposition.ReadyPath}";
        var live = $"http://127.0.0.1:{host.HttpPort}{HealthComposition.LivePath}";
        var health = new Health.HealthClient(host.Channel);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(ready)).StatusCode);

        await postgres.Server.StopServerAsync();
        try
        {
            Assert.True(await UntilAsync(async () => (await http.GetAsync(ready)).StatusCode == HttpStatusCode.ServiceUnavailable), "ready kept answering 200");
            var response = await http.GetAsync(ready);
            Assert.Equal((HttpStatusCode.ServiceUnavailable, "Unhealthy"), (response.StatusCode, await response.Content.ReadAsStringAsync()));
            Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, (await health.CheckAsync(new HealthCheckRequest())).Status);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(live)).StatusCode);
        }
        finally
        {
            await postgres.Server.StartServerAsync();
        }

        // Back by itself once the database is.
        Assert.True(await UntilAsync(async () => (await http.GetAsync(ready)).StatusCode == HttpStatusCode.OK), "ready did not recover");
        Assert.True(await UntilAsync(async () => (await health.CheckAsync(new HealthCheckRequest())).Status == HealthCheckResponse.Types.ServingStatus.Serving),
            "gRPC health did not recover");
    }

    [Fact]
    public async Task A_burst_of_200_readiness_probes_asks_the_database_at_most_once_a_second()
    {
        await using var host = await TestHost.StartAsync(settings: await postgres.NewDatabaseSettingsAsync());
        var check = host.Services.GetRequiredService<StorageHealthCheck>();
        using var http = new HttpClient();
        var ready = $"http://127.0.0.1:{host.HttpPort}{HealthComposition.ReadyPath}";
        var health = new Health.HealthClient(host.Channel);

        var before = check.DatabaseQueries;
        var elapsed = Stopwatch.StartNew();
        var statuses = new System.Collections.Concurrent.ConcurrentBag<bool>();
        await Parallel.ForEachAsync(Enumerable.Range(0, 200), new ParallelOptions { MaxDegreeOfParallelism = 20 }, async (i, token) =>
        {
            // Half over HTTP, half over gRPC health: both ask the same check.
            var ok = i % 2 == 0
                ? (await http.GetAsync(ready, token)).StatusCode == HttpStatusCode.OK
                : (await health.CheckAsync(new HealthCheckRequest(), cancellationToken: token)).Status == HealthCheckResponse.Types.ServingStatus.Serving;
            statuses.Add(ok);
        });
        var queries = check.DatabaseQueries - before;
        elapsed.Stop();

        Assert.All(statuses, Assert.True);
        // One query, then none for a second after it: at most one per started second (and one more already under way).
        var allowed = (int)elapsed.Elapsed.TotalSeconds + 2;
        Assert.True(queries >= 1 && queries <= allowed, $"{queries} database queries for 200 probes in {elapsed.Elapsed.TotalSeconds:F1} s (allowed {allowed})");
    }

    private static async Task<bool> UntilAsync(Func<Task<bool>> condition)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < Limit)
        {
            try
            {
                if (await condition())
                {
                    return true;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or RpcException)
            {
            }

            await Task.Delay(200);
        }

        return false;
    }
}
