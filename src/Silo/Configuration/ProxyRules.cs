using System.Net;

namespace DossierTracking.Silo.Configuration;

/// <summary>
/// The checks of the proxy settings in <see cref="NetworkOptions"/>: forwarded headers are believed only from the
/// declared proxies, so a declaration that is not an address, or one that covers every address, would let any
/// caller choose the address the per-address lookup limit counts.
/// </summary>
public static class ProxyRules
{
    public static void Check(NetworkOptions options, List<string> failures)
    {
        for (var i = 0; i < options.KnownProxies.Count; i++)
        {
            if (!IPAddress.TryParse(options.KnownProxies[i], out _))
            {
                failures.Add($"Network:KnownProxies:{i} '{options.KnownProxies[i]}' is not an IP address: give the proxy's address as it connects to the silo (e.g. 10.0.0.5).");
            }
        }

        for (var i = 0; i < options.KnownNetworks.Count; i++)
        {
            if (!IPNetwork.TryParse(options.KnownNetworks[i], out var network))
            {
                failures.Add($"Network:KnownNetworks:{i} '{options.KnownNetworks[i]}' is not a network in CIDR form: write it as 10.0.0.0/24.");
            }
            else if (network.PrefixLength == 0)
            {
                failures.Add($"Network:KnownNetworks:{i} '{options.KnownNetworks[i]}' covers every address, so any caller could set its own X-Forwarded-For: " +
                    "name the proxies' own network.");
            }
        }

        if (options.TlsTerminatedByProxy && !options.HasProxies)
        {
            failures.Add("Network:TlsTerminatedByProxy=true needs the proxy that ends TLS declared: set Network:KnownProxies:0 (its address) or Network:KnownNetworks:0 (its network).");
        }

        if (options.TlsTerminatedByProxy && !string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            failures.Add("Network:TlsTerminatedByProxy=true and Network:CertificatePath are both set: with a certificate the silo ends TLS itself; " +
                "remove one (a proxy that re-encrypts to the silo needs only Network:CertificatePath).");
        }
    }
}
