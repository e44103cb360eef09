using System.Net;
using DossierTracking.IntegrationTests.Infrastructure;
using DossierTracking.Silo.Hosting;
using Microsoft.Extensions.Options;

namespace DossierTracking.IntegrationTests.Cluster;

/// <summary>
/// Silo:AdvertisedAddress=auto finds the machine's address (containers); the default stays loopback; and an address
/// found this way is held to the same cluster TLS rule as one written down.
/// </summary>
public sealed class AdvertisedAddressTests
{
    private static readonly IPAddress Lan = IPAddress.Parse("10.1.2.3");
    private static readonly IPAddress Bridge = IPAddress.Parse("172.17.0.1");

    [Fact]
    public void Auto_prefers_an_IPv4_address_on_the_network_with_the_default_gateway()
    {
        Assert.Equal(Lan, AdvertisedAddress.Pick([(IPAddress.Loopback, false), (Bridge, false), (Lan, true)]));
        Assert.Equal(Bridge, AdvertisedAddress.Pick([(IPAddress.Loopback, false), (Bridge, false)]));
        Assert.Equal(Lan, AdvertisedAddress.Pick([(IPAddress.Parse("fe80::1"), true), (IPAddress.Parse("169.254.3.4"), true), (IPAddress.Parse("fd00::7"), true), (Lan, false)]));
        Assert.Equal(IPAddress.Parse("fd00::7"), AdvertisedAddress.Pick([(IPAddress.IPv6Loopback, false), (IPAddress.Parse("fe80::1"), true), (IPAddress.Parse("fd00::7"), true)]));
        Assert.Null(AdvertisedAddress.Pick([(IPAddress.Loopback, false), (IPAddress.IPv6Loopback, false)]));
        Assert.Equal("127.0.0.1", AdvertisedAddress.Resolve("127.0.0.1"));
    }

    [Fact]
    public void An_address_found_by_auto_needs_cluster_TLS_like_a_written_one()
    {
        var settings = new Dictionary<string, string?>(TestTokens.Settings)
        {
            ["Storage:Provider"] = "PostgreSql",
            ["Storage:ConnectionString"] = "Host=127.0.0.1;Port=1;Database=unused",
            ["Silo:Clustering"] = "AdoNet",
            ["Silo:AdvertisedAddress"] = "auto",
        };
        string? found;
        try
        {
            found = AdvertisedAddress.Resolve("auto");
        }
        catch (OptionsValidationException)
        {
            found = null; // a machine with loopback only
        }

        var error = Assert.Throws<OptionsValidationException>(() => DossierHost.CreateBuilder([], settings));
        Assert.Contains(found is null ? "Silo:AdvertisedAddress=auto found no network address" : $"Silo:AdvertisedAddress {found} is not loopback", error.Message);
        if (found is null)
        {
            return;
        }

        // With the cluster certificate the same settings are accepted (built, not started: nothing listens there).
        using var certificate = ClusterCertificates.Create();
        settings["Silo:Tls:CertificatePath"] = ClusterCertificates.WritePfx(certificate);
        settings["Silo:Tls:CertificatePassword"] = ClusterCertificates.Password;
        Assert.NotNull(DossierHost.CreateBuilder([], settings));
    }

    [Fact]
    public void Auto_with_one_silo_on_this_machine_changes_nothing()
    {
        // Localhost clustering always advertises loopback: auto is not even looked up.
        var settings = new Dictionary<string, string?>(TestTokens.Settings)
        {
            ["Storage:DataDirectory"] = TestHost.NewDataDirectory(),
            ["Silo:AdvertisedAddress"] = "auto",
        };
        Assert.NotNull(DossierHost.CreateBuilder([], settings));
    }
}
