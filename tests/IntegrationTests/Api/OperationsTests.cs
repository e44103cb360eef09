using DossierTracking.IntegrationTests.Infrastructure;
using Grpc.Health.V1;
using System.Net;
using DossierTracking.GrpcApi.Security;
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
        // Outside Development reflection is for administrators (Development opens it to anyone).
        var reflection = new ServerReflection.ServerReflectionClient(_host.Channel);
        using var call = reflection.ServerReflectionInfo(TestTokens.Bearer(TestTokens.For(Roles.Administrator)));
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var services = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();
        Assert.Contains("dvc.v1.DossierService", services);
        Assert.Contains("dvc.v1.CatalogService", services);
        Assert.Contains("dvc.v1.AuditService", services);
        Assert.Contains("grpc.health.v1.Health", services);
    }

    [Fact]
    public async Task The_dashboard_is_served_under_slash_dashboard_to_operators_only()
    {
        using var http = new HttpClient();
        var url = $"http://127.0.0.1:{_host.HttpPort}/dashboard/";
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Get(http, url, TestTokens.For(Roles.Supervisor))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Get(http, url, TestTokens.For(Roles.Operator, audience: "another-service"))).StatusCode);

        var response = await Get(http, url, TestTokens.For(Roles.Operator));
        Assert.True(response.IsSuccessStatusCode, response.StatusCode.ToString());
        Assert.Contains("<html", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);

        // A browser brings the token in the dashboard's cookie.
        var withCookie = new HttpRequestMessage(HttpMethod.Get, url);
        withCookie.Headers.Add("Cookie", $"{Silo.Hosting.DashboardLogin.Cookie}={TestTokens.For(Roles.Operator)}");
        Assert.True((await http.SendAsync(withCookie)).IsSuccessStatusCode);
    }

    private static Task<HttpResponseMessage> Get(HttpClient http, string url, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return http.SendAsync(request);
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
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.GetAsync($"http://127.0.0.1:{host.HttpPort}{Silo.Hosting.DashboardLogin.LoginPath}")).StatusCode);
        Assert.Equal("Healthy", await http.GetStringAsync($"http://127.0.0.1:{host.HttpPort}/healthz"));
    }
}
