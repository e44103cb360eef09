using System.Net;
using DossierTracking.IntegrationTests.Infrastructure;
using DossierTracking.Silo.Hosting;
using Grpc.Health.V1;

namespace DossierTracking.IntegrationTests.Hosting;

/// <summary>What an orchestrator and a load balancer rely on while the silo runs: the probes answer, open, with a status only.</summary>
public sealed class HealthProbeTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private readonly TestHost _host = fixture.Host;

    [Theory]
    [InlineData(HealthComposition.LivePath)]
    [InlineData(HealthComposition.ReadyPath)]
    [InlineData(HealthComposition.LegacyPath)]
    public async Task A_running_silo_answers_its_probes_without_a_token_with_a_status_only(string path)
    {
        using var http = new HttpClient();
        var response = await http.GetAsync($"http://127.0.0.1:{_host.HttpPort}{path}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "");
    }

    [Fact]
    public async Task The_gRPC_health_service_answers_serving_while_ready()
    {
        var reply = await new Health.HealthClient(_host.Channel).CheckAsync(new HealthCheckRequest());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, reply.Status);
    }
}
