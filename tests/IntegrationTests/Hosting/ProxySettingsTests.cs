using DossierTracking.IntegrationTests.Infrastructure;
using DossierTracking.Silo.Hosting;
using Microsoft.Extensions.Options;

namespace DossierTracking.IntegrationTests.Hosting;

/// <summary>
/// Behind a load balancer: plaintext beyond loopback only when a declared proxy ends TLS, and proxies declared so
/// that nobody else can choose the address the lookup limit counts. The hosts are built, never started: nothing
/// listens beyond loopback.
/// </summary>
public sealed class ProxySettingsTests
{
    private static Dictionary<string, string?> Settings(params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?>(TestTokens.Settings) { ["Storage:DataDirectory"] = TestHost.NewDataDirectory() };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }

    [Theory]
    [InlineData("Network:BindAddress", "0.0.0.0", "Network:TlsTerminatedByProxy=true with the proxy")]
    [InlineData("Network:TlsTerminatedByProxy", "true", "Network:TlsTerminatedByProxy=true needs the proxy that ends TLS declared")]
    [InlineData("Network:KnownProxies:0", "lb.internal", "Network:KnownProxies:0 'lb.internal' is not an IP address")]
    [InlineData("Network:KnownNetworks:0", "10.0.0.0/33", "Network:KnownNetworks:0 '10.0.0.0/33' is not a network in CIDR form")]
    [InlineData("Network:KnownNetworks:0", "0.0.0.0/0", "covers every address")]
    [InlineData("Network:KnownNetworks:0", "::/0", "covers every address")]
    [InlineData("ForwardedHeaders_Enabled", "true", "ASPNETCORE_FORWARDEDHEADERS_ENABLED")]
    public void A_proxy_setting_that_would_trust_too_much_stops_start_up(string key, string value, string message)
    {
        var error = Assert.Throws<OptionsValidationException>(() => DossierHost.CreateBuilder([], Settings((key, value))));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TLS_ended_by_the_proxy_and_a_certificate_of_the_silo_are_one_too_many()
    {
        var certificate = Path.Combine(TestHost.NewDataDirectory(), "silo.pfx");
        File.WriteAllBytes(certificate, []);
        var error = Assert.Throws<OptionsValidationException>(() => DossierHost.CreateBuilder([], Settings(
            ("Network:TlsTerminatedByProxy", "true"), ("Network:KnownProxies:0", "10.0.0.5"), ("Network:CertificatePath", certificate))));
        Assert.Contains("Network:TlsTerminatedByProxy=true and Network:CertificatePath are both set", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plaintext_beyond_loopback_is_accepted_when_a_declared_proxy_ends_TLS()
    {
        Assert.NotNull(DossierHost.CreateBuilder([], Settings(
            ("Network:BindAddress", "0.0.0.0"), ("Network:TlsTerminatedByProxy", "true"), ("Network:KnownNetworks:0", "10.0.0.0/24"))));
        Assert.NotNull(DossierHost.CreateBuilder([], Settings(
            ("Network:BindAddress", "0.0.0.0"), ("Network:TlsTerminatedByProxy", "true"), ("Network:KnownProxies:0", "10.0.0.5"), ("Network:KnownProxies:1", "fd00::5"))));
    }
}
