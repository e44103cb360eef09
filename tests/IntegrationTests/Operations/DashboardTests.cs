using System.Net;
using System.Text.Json;
using DossierTracking.GrpcApi.Security;
using DossierTracking.IntegrationTests.Infrastructure;
using DossierTracking.Silo.Hosting;
using Microsoft.Extensions.DependencyInjection;
using static DossierTracking.IntegrationTests.Infrastructure.Requests;

namespace DossierTracking.IntegrationTests.Operations;

/// <summary>
/// The dashboard's silo counters: an operator sees the Orleans instruments worth watching (activations, storage,
/// dropped messages), and none of those Orleans measures on every message or grain call, nor the gauge that walks
/// every activation: reading those made a lookup cost a third more silo CPU with 439,803 active dossiers. If an
/// upgrade of Orleans.Dashboard brings its own feed back, these counters show every Orleans instrument and this fails.
/// </summary>
public sealed class DashboardTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private readonly TestHost _host = fixture.Host;

    [Fact]
    public async Task Its_silo_counters_show_only_the_Orleans_instruments_an_operator_watches()
    {
        await _host.Dossiers.SubmitDossierAsync(Submit());
        var silo = _host.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToParsableString();
        using var http = new HttpClient();

        // Fed every second: wait for the activations counter (at most 30 s, on a busy machine).
        var names = new List<string>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!names.Contains("orleans-catalog-activations") && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
            var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{_host.HttpPort}/dashboard/SiloCounters/{silo}");
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TestTokens.For(Roles.Operator));
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var counters = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            names = [.. counters.RootElement.EnumerateArray().Select(c => c.GetProperty("name").GetString()!)];
        }

        Assert.Contains("orleans-catalog-activations", names);
        Assert.DoesNotContain("orleans-messaging-processing-activation-data", names);
        Assert.All(names, name => Assert.True(TelemetryComposition.KeptOrleansInstrument(name), $"{name} is read by the dashboard"));
    }
}
