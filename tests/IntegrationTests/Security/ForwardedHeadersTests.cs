using System.Diagnostics;
using System.Net;
using DossierTracking.GrpcApi.Security;
using DossierTracking.GrpcApi.V1;
using DossierTracking.IntegrationTests.Infrastructure;
using DossierTracking.Silo.Hosting;
using Grpc.Core;

namespace DossierTracking.IntegrationTests.Security;

/// <summary>
/// Behind a load balancer every call comes from the proxy's address: the anonymous lookup limit must count the
/// citizens it forwards (X-Forwarded-For), but only when the proxy is declared; from anyone else the header is a
/// lie the silo ignores. The tests call from 127.0.0.1, declared as the proxy or not.
/// </summary>
public sealed class ForwardedHeadersTests
{
    private const string CitizenA = "203.0.113.10";
    private const string CitizenB = "203.0.113.20";

    private static Task<TestHost> StartAsync(string proxy) => TestHost.StartAsync(settings: new Dictionary<string, string?>
    {
        ["Network:KnownProxies:0"] = proxy,
        // One a second, a burst of two: a citizen is refused after a couple of quick lookups.
        ["Limits:AnonymousLookupsPerSecond"] = "1",
    });

    [Fact]
    public async Task Behind_a_declared_proxy_two_citizens_get_separate_lookup_allowances()
    {
        await using var host = await StartAsync("127.0.0.1");
        var lookups = new DossierService.DossierServiceClient(host.Channel);

        await ExhaustAsync(lookups, CitizenA);

        // Citizen B's allowance is its own, untouched by A's: its first lookup is answered.
        Assert.Equal(StatusCode.NotFound, await LookUpAsync(lookups, CitizenB));
        // And A is still refused: the allowance follows the citizen, not the proxy's connection.
        Assert.Equal(StatusCode.ResourceExhausted, await LookUpAsync(lookups, CitizenA));
    }

    [Fact]
    public async Task From_a_source_that_is_not_a_declared_proxy_X_Forwarded_For_is_ignored()
    {
        // 192.0.2.50 is the declared proxy (a documentation address); the calls come from 127.0.0.1.
        await using var host = await StartAsync("192.0.2.50");
        var lookups = new DossierService.DossierServiceClient(host.Channel);

        var exhausted = await ExhaustAsync(lookups, CitizenA);

        // "Citizen B" is the same caller: its lookups draw on the emptied allowance, which refills one a second.
        var answered = 0;
        for (var i = 0; i < 5; i++)
        {
            answered += await LookUpAsync(lookups, CitizenB) == StatusCode.NotFound ? 1 : 0;
        }

        var refills = (int)exhausted.Elapsed.TotalSeconds + 1;
        Assert.True(answered <= refills, $"{answered} of 5 lookups answered with another X-Forwarded-For within {exhausted.Elapsed.TotalSeconds:F1} s of the allowance running out");
    }

    [Fact]
    public async Task X_Forwarded_Proto_from_a_declared_proxy_makes_the_dashboard_cookie_secure()
    {
        await using (var behindProxy = await StartAsync("127.0.0.1"))
        {
            var response = await LogInAsync(behindProxy);
            Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
            Assert.Contains("secure", string.Join(";", response.Headers.GetValues("Set-Cookie")), StringComparison.OrdinalIgnoreCase);
        }

        // From anyone else the header is ignored: the request stays plain http, so an https origin is not this silo's.
        await using var direct = await StartAsync("192.0.2.50");
        Assert.Equal(HttpStatusCode.Forbidden, (await LogInAsync(direct)).StatusCode);
    }

    /// <summary>Looks up unknown codes as this citizen until refused; returns a stopwatch started at the refusal.</summary>
    private static async Task<Stopwatch> ExhaustAsync(DossierService.DossierServiceClient lookups, string citizen)
    {
        for (var i = 0; i < 50; i++)
        {
            if (await LookUpAsync(lookups, citizen) == StatusCode.ResourceExhausted)
            {
                return Stopwatch.StartNew();
            }
        }

        throw new Xunit.Sdk.XunitException($"50 lookups as {citizen} were never throttled");
    }

    private static async Task<StatusCode> LookUpAsync(DossierService.DossierServiceClient lookups, string citizen)
    {
        try
        {
            await lookups.GetDossierAsync(new GetDossierRequest { ReceiptCode = "H49.50-201019-0001" }, new Metadata { { "x-forwarded-for", citizen } });
            return StatusCode.OK;
        }
        catch (RpcException e)
        {
            return e.StatusCode;
        }
    }

    private static async Task<HttpResponseMessage> LogInAsync(TestHost host)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });
        var request = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{host.HttpPort}{DashboardLogin.LoginPath}")
        {
            Content = new FormUrlEncodedContent([new("token", TestTokens.For(Roles.Operator))]),
        };
        request.Headers.Add("Origin", $"https://127.0.0.1:{host.HttpPort}");
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", CitizenA);
        return await http.SendAsync(request);
    }
}
