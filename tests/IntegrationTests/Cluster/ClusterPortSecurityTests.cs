using System.Security.Cryptography;
using DossierTracking.IntegrationTests.Infrastructure;
using DossierTracking.Silo.Hosting;
using Microsoft.Extensions.Options;

namespace DossierTracking.IntegrationTests.Cluster;

/// <summary>
/// The silo's own Orleans ports: with cluster TLS the silo port takes only a peer presenting a pinned certificate;
/// without it, the silo may not be reachable beyond loopback; the gateway is closed unless opened.
/// </summary>
public sealed class ClusterPortSecurityTests
{
    [Fact]
    public async Task With_cluster_TLS_the_silo_port_takes_only_a_pinned_certificate()
    {
        using var cluster = ClusterCertificates.Create();
        using var stranger = ClusterCertificates.Create("dvc-cluster");
        await using var host = await TestHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Silo:Tls:CertificatePath"] = ClusterCertificates.WritePfx(cluster),
            ["Silo:Tls:CertificatePassword"] = ClusterCertificates.Password,
        });
        var port = int.Parse(host.Settings["Silo:SiloPort"]!);

        // The cluster certificate gets through, and the silo presents it in turn.
        using (var limit = new CancellationTokenSource(OrleansPorts.Limit))
        {
            var (client, stream) = await OrleansPorts.ConnectTlsAsync(port, cluster, limit.Token);
            using (client)
            await using (stream)
            {
                Assert.Equal(ClusterCertificates.Thumbprint(cluster), stream.RemoteCertificate!.GetCertHashString(HashAlgorithmName.SHA256));
                // The same probe that sees the others cut off sees this one kept (a short wait: a slow silo only makes it pass).
                Assert.False(await OrleansPorts.RefusesTlsClientAsync(port, cluster, wait: TimeSpan.FromSeconds(3)), "the silo hung up on the cluster certificate");
            }
        }

        // A certificate that is not pinned (even with the same name) and no certificate are cut off.
        Assert.True(await OrleansPorts.RefusesTlsClientAsync(port, stranger), "a certificate that is not pinned got through");
        Assert.True(await OrleansPorts.RefusesTlsClientAsync(port, null), "a client without a certificate got through");

        // A plaintext client hears nothing (without TLS the silo would greet it with its Orleans preamble) and is hung
        // up on once the TLS handshake times out.
        var (heard, closed) = await OrleansPorts.ListenInPlaintextAsync(port);
        Assert.Empty(heard);
        Assert.True(closed, "a plaintext client was kept on the line");

        // The silo still serves.
        var dossier = await host.Dossiers.SubmitDossierAsync(Requests.Submit());
        Assert.False(string.IsNullOrEmpty(dossier.ReceiptCode));
    }

    [Fact]
    public async Task The_gateway_port_is_closed_unless_Silo_OpenGateway_is_set()
    {
        await using (var host = await TestHost.StartAsync())
        {
            Assert.False(await OrleansPorts.AcceptsConnectionAsync(int.Parse(host.Settings["Silo:GatewayPort"]!)), "the gateway listens by default");
            Assert.True(await OrleansPorts.AcceptsConnectionAsync(int.Parse(host.Settings["Silo:SiloPort"]!)), "the silo port does not listen");
        }

        await using (var host = await TestHost.StartAsync(settings: new Dictionary<string, string?> { ["Silo:OpenGateway"] = "true" }))
        {
            Assert.True(await OrleansPorts.AcceptsConnectionAsync(int.Parse(host.Settings["Silo:GatewayPort"]!)), "Silo:OpenGateway did not open the gateway");
        }
    }

    [Fact]
    public void A_silo_advertised_beyond_loopback_refuses_to_start_without_cluster_TLS()
    {
        // 192.0.2.10 is a documentation address: nothing is ever sent to it, the builder only reads the setting.
        var settings = new Dictionary<string, string?>(TestTokens.Settings)
        {
            ["Storage:Provider"] = "PostgreSql",
            ["Storage:ConnectionString"] = "Host=127.0.0.1;Port=1;Database=unused",
            ["Silo:Clustering"] = "AdoNet",
            ["Silo:AdvertisedAddress"] = "192.0.2.10",
        };
        var error = Assert.Throws<OptionsValidationException>(() => DossierHost.CreateBuilder([], settings));
        Assert.Contains("Silo:AdvertisedAddress 192.0.2.10 is not loopback", error.Message);
        Assert.Contains("Silo:Tls:CertificatePath", error.Message);

        // With the cluster certificate the same settings are accepted (the host is built, not started).
        using var certificate = ClusterCertificates.Create();
        settings["Silo:Tls:CertificatePath"] = ClusterCertificates.WritePfx(certificate);
        settings["Silo:Tls:CertificatePassword"] = ClusterCertificates.Password;
        Assert.NotNull(DossierHost.CreateBuilder([], settings));
    }

    [Fact]
    public async Task An_Orleans_port_moved_beyond_loopback_through_Orleans_Endpoints_refuses_to_start_without_cluster_TLS()
    {
        var settings = new Dictionary<string, string?>(TestTokens.Settings)
        {
            ["Storage:DataDirectory"] = TestHost.NewDataDirectory(),
            ["Network:GrpcPort"] = FreePorts.Next().ToString(),
            ["Network:HttpPort"] = FreePorts.Next().ToString(),
            ["Silo:SiloPort"] = FreePorts.Next().ToString(),
            // Orleans' own configuration section, which the silo reads too; a documentation address, never bound.
            ["Orleans:Endpoints:SiloListeningEndpoint"] = $"192.0.2.10:{FreePorts.Next()}",
        };
        await using var app = DossierHost.CreateBuilder([], settings).Build();
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
        Assert.Contains("192.0.2.10", error.Message);
        Assert.Contains("Silo:Tls:CertificatePath", error.Message);
    }

    [Fact]
    public void A_cluster_certificate_that_cannot_be_used_is_refused_at_start_up()
    {
        using var certificate = ClusterCertificates.Create();
        var settings = new Dictionary<string, string?>(TestTokens.Settings)
        {
            ["Storage:DataDirectory"] = TestHost.NewDataDirectory(),
            ["Silo:Tls:CertificatePath"] = ClusterCertificates.WritePfx(certificate),
            ["Silo:Tls:CertificatePassword"] = "wrong",
        };
        var error = Assert.Throws<OptionsValidationException>(() => DossierHost.CreateBuilder([], settings));
        Assert.Contains("Silo:Tls:CertificatePassword", error.Message);
        Assert.DoesNotContain(ClusterCertificates.Password, error.Message);

        settings["Silo:Tls:CertificatePassword"] = ClusterCertificates.Password;
        settings["Silo:Tls:AllowedPeerThumbprints:0"] = "not-a-thumbprint";
        error = Assert.Throws<OptionsValidationException>(() => DossierHost.CreateBuilder([], settings));
        Assert.Contains("Silo:Tls:AllowedPeerThumbprints:0", error.Message);
    }
}
