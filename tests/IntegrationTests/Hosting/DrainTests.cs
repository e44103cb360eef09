using System.Diagnostics;
using System.Net;
using DossierTracking.GrpcApi.V1;
using DossierTracking.IntegrationTests.Infrastructure;
using DossierTracking.Silo.Hosting;
using Grpc.Core;
using Grpc.Health.V1;

namespace DossierTracking.IntegrationTests.Hosting;

/// <summary>
/// A silo stopped with SIGTERM, as an orchestrator stops it, first tells the load balancer: readiness 503 and gRPC
/// health NOT_SERVING, while it keeps serving calls for Health:DrainDelay; then it stops cleanly.
/// </summary>
public sealed class DrainTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task After_SIGTERM_the_silo_answers_not_ready_and_not_serving_while_it_still_serves_then_exits_cleanly()
    {
        var environment = new Dictionary<string, string>
        {
            ["Storage__DataDirectory"] = TestHost.NewDataDirectory(),
            // Long enough to probe on a busy machine; the test waits for the end of it.
            ["Health__DrainDelay"] = "00:00:10",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        await using var silo = await SiloProcess.StartAsync(environment, Limit);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var ready = $"http://127.0.0.1:{silo.Ports.Http}{HealthComposition.ReadyPath}";
        var live = $"http://127.0.0.1:{silo.Ports.Http}{HealthComposition.LivePath}";
        var health = new Health.HealthClient(silo.Channel);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(ready)).StatusCode);

        var stopping = silo.StopGracefullyAsync(Limit);

        // Draining: not ready, not serving, yet alive and still answering calls.
        var waited = Stopwatch.StartNew();
        HttpResponseMessage? notReady = null;
        while (notReady is null && waited.Elapsed < Limit)
        {
            var response = await http.GetAsync(ready);
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                notReady = response;
            }
            else
            {
                await Task.Delay(100);
            }
        }

        Assert.NotNull(notReady);
        Assert.Equal("Unhealthy", await notReady.Content.ReadAsStringAsync());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, (await health.CheckAsync(new HealthCheckRequest())).Status);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(live)).StatusCode);
        var agency = await new CatalogService.CatalogServiceClient(silo.Channel).GetAgencyAsync(new GetAgencyRequest { Code = "H49.50" });
        Assert.Equal("H49.50", agency.Code);

        Assert.Equal(0, await stopping);
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => http.GetAsync(live));
    }
}
