using DossierTracking.IntegrationTests.Infrastructure;
using Grpc.Health.V1;
using Grpc.Reflection.V1Alpha;

namespace DossierTracking.IntegrationTests.Api;

/// <summary>What operators and tools rely on: health, reflection (for grpcurl), the dashboard.</summary>
public sealed class OperationsTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private readonly TestHost _host = fixture.Host;

    [Fact]
    public async Task Health_reports_serving()
    {
        var health = new Health.HealthClient(_host.Channel);
        var reply = await health.CheckAsync(new HealthCheckRequest());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, reply.Status);

        using var http = new HttpClient();
        Assert.Equal("Healthy", await http.GetStringAsync($"http://127.0.0.1:{_host.HttpPort}/healthz"));
    }

    [Fact]
    public async Task Reflection_lists_the_services_so_grpcurl_works()
    {
        var reflection = new ServerReflection.ServerReflectionClient(_host.Channel);
        using var call = reflection.ServerReflectionInfo();
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var services = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();
        Assert.Contains("dvc.v1.DossierService", services);
        Assert.Contains("dvc.v1.CatalogService", services);
        Assert.Contains("grpc.health.v1.Health", services);
    }

    [Fact]
    public async Task The_dashboard_is_served_under_slash_dashboard()
    {
        using var http = new HttpClient();
        var response = await http.GetAsync($"http://127.0.0.1:{_host.HttpPort}/dashboard/");
        Assert.True(response.IsSuccessStatusCode, response.StatusCode.ToString());
        Assert.Contains("<html", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }
}

public sealed class DashboardSwitchTests
{
    [Fact]
    public async Task The_dashboard_can_be_turned_off()
    {
        await using var host = await TestHost.StartAsync(settings: new Dictionary<string, string?> { ["Dashboard:Enabled"] = "false" });
        using var http = new HttpClient();
        var response = await http.GetAsync($"http://127.0.0.1:{host.HttpPort}/dashboard/");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Healthy", await http.GetStringAsync($"http://127.0.0.1:{host.HttpPort}/healthz"));
    }
}
