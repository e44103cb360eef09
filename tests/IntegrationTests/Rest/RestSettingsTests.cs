using System.Net;
using DossierTracking.GrpcApi.V1;
using DossierTracking.IntegrationTests.Infrastructure;
using Grpc.Core;

namespace DossierTracking.IntegrationTests.Rest;

/// <summary>The REST surface's settings (<c>Rest:*</c>), and the per-address lookup limit it shares with gRPC.</summary>
public sealed class RestSettingsTests
{
    [Fact]
    public async Task Anonymous_lookups_over_REST_and_gRPC_draw_on_one_allowance_per_address()
    {
        await using var host = await TestHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Limits:AnonymousLookupsPerSecond"] = "1",
            ["Rest:OpenApi"] = "false",
        });
        using var rest = new RestCaller(host);
        var anonymous = new DossierService.DossierServiceClient(host.Channel);
        var code = (await host.Dossiers.SubmitDossierAsync(Requests.Submit())).ReceiptCode;

        // A burst of two a second per address: alternating faces, both are soon refused, each as the other would be.
        var (restRefused, grpcRefused) = (false, false);
        for (var i = 0; i < 20 && !(restRefused && grpcRefused); i++)
        {
            var reply = await rest.GetAsync($"/v1/dossiers/{code}");
            if (reply.Status != HttpStatusCode.OK)
            {
                Assert.Equal((HttpStatusCode.TooManyRequests, "LOOKUPS_THROTTLED"), (reply.Status, reply.Reason));
                restRefused = true;
            }

            try
            {
                await anonymous.GetDossierAsync(new GetDossierRequest { ReceiptCode = code });
            }
            catch (RpcException e)
            {
                Assert.Equal(StatusCode.ResourceExhausted, e.StatusCode);
                grpcRefused = true;
            }
        }

        Assert.True(restRefused && grpcRefused, $"throttled over REST: {restRefused}, over gRPC: {grpcRefused}");
        // A caller with a token has an allowance of its own.
        Assert.Equal(HttpStatusCode.OK, (await rest.GetAsync($"/v1/dossiers/{code}", TestTokens.For("desk_officer", "mc-01", Requests.Centre))).Status);
        // Rest:OpenApi=false: REST is served, its description is not.
        Assert.Equal(HttpStatusCode.NotFound, (await rest.GetAsync("/openapi/v1.json")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await rest.GetAsync("/openapi/index.html")).Status);
    }

    [Fact]
    public async Task With_Rest_Enabled_false_the_silo_serves_gRPC_only()
    {
        await using var host = await TestHost.StartAsync(settings: new Dictionary<string, string?> { ["Rest:Enabled"] = "false" });
        using var rest = new RestCaller(host);

        Assert.Equal(HttpStatusCode.NotFound, (await rest.GetAsync("/v1/procedures")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await rest.GetAsync("/openapi/v1.json")).Status);
        Assert.NotEmpty((await host.Catalog.ListProceduresAsync(new ListProceduresRequest { PageSize = 1 })).Procedures);
    }
}
