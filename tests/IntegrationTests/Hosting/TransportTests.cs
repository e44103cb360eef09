using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DossierTracking.GrpcApi.V1;
using DossierTracking.IntegrationTests.Infrastructure;
using DossierTracking.Silo.Hosting;
using Grpc.Net.Client;
using Microsoft.Extensions.Options;

namespace DossierTracking.IntegrationTests.Hosting;

/// <summary>TLS by configuration, and plaintext refused anywhere but loopback.</summary>
public sealed class TransportTests
{
    [Fact]
    public async Task With_a_certificate_configured_the_gRPC_endpoint_speaks_TLS()
    {
        var certificate = Path.Combine(TestHost.NewDataDirectory(), "silo.pfx");
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=localhost", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var san = new SubjectAlternativeNameBuilder();
            san.AddIpAddress(System.Net.IPAddress.Loopback);
            request.CertificateExtensions.Add(san.Build());
            using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
            await File.WriteAllBytesAsync(certificate, cert.Export(X509ContentType.Pfx, "test-pass"));
        }

        await using var host = await TestHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Network:CertificatePath"] = certificate,
            ["Network:CertificatePassword"] = "test-pass",
        });
        var port = host.Settings["Network:GrpcPort"];
        using var handler = new SocketsHttpHandler
        {
            SslOptions = { RemoteCertificateValidationCallback = (_, cert, _, _) => cert?.Subject == "CN=localhost" },
        };
        using var channel = GrpcChannel.ForAddress($"https://127.0.0.1:{port}", new GrpcChannelOptions { HttpHandler = handler });
        var catalog = new CatalogService.CatalogServiceClient(channel);
        var agency = await catalog.GetAgencyAsync(new GetAgencyRequest { Code = "H49.50" });
        Assert.Equal("H49.50", agency.Code);

        // Plaintext HTTP/2 to the TLS port does not get through.
        using var plain = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
        await Assert.ThrowsAnyAsync<Exception>(async () => await new CatalogService.CatalogServiceClient(plain).GetAgencyAsync(new GetAgencyRequest { Code = "H49.50" }));
    }

    [Fact]
    public void Plaintext_on_a_non_loopback_address_is_refused_at_start_up()
    {
        var error = Assert.Throws<OptionsValidationException>(() =>
            DossierHost.CreateBuilder([], new Dictionary<string, string?> { ["Network:BindAddress"] = "0.0.0.0" }));
        Assert.Contains("Network:CertificatePath", error.Message);
    }
}
