using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
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

    [Fact]
    public async Task With_TLS_the_HTTP_port_serves_REST_over_HTTP_1_1_and_HTTP_2()
    {
        var certificate = Path.Combine(TestHost.NewDataDirectory(), "silo.pfx");
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=localhost", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var san = new SubjectAlternativeNameBuilder();
            san.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(san.Build());
            using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
            await File.WriteAllBytesAsync(certificate, cert.Export(X509ContentType.Pfx, "test-pass"));
        }

        await using var host = await TestHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Network:CertificatePath"] = certificate,
            ["Network:CertificatePassword"] = "test-pass",
        });
        using var handler = new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = (_, cert, _, _) => cert?.Subject == "CN=localhost" } };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        foreach (var version in new[] { HttpVersion.Version11, HttpVersion.Version20 })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"https://127.0.0.1:{host.HttpPort}/v1/agencies/H49.50")
            {
                Version = version,
                VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            };
            using var response = await http.SendAsync(request);
            Assert.Equal((HttpStatusCode.OK, version), (response.StatusCode, response.Version));
            Assert.Equal("H49.50", RestCaller.Parse<Agency>(await response.Content.ReadAsStringAsync()).Code);
        }
    }
}
