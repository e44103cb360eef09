using System.Net;
using Microsoft.Extensions.Options;

namespace DossierTracking.Silo.Configuration;

/// <summary>
/// Start-up check of <see cref="NetworkOptions"/>: plaintext is refused off loopback unless a declared proxy ends
/// TLS, and the declared proxies must be addresses or networks that do not trust everyone.
/// </summary>
public sealed class NetworkOptionsValidator : IValidateOptions<NetworkOptions>
{
    public ValidateOptionsResult Validate(string? name, NetworkOptions options)
    {
        var failures = new List<string>();
        if (!IPAddress.TryParse(options.BindAddress, out var address))
        {
            failures.Add($"Network:BindAddress '{options.BindAddress}' is not an IP address (default {NetworkOptions.DefaultBindAddress}).");
        }
        else if (!IPAddress.IsLoopback(address) && string.IsNullOrWhiteSpace(options.CertificatePath) && !options.TlsTerminatedByProxy)
        {
            failures.Add($"Network:BindAddress {address} is not loopback: set Network:CertificatePath (a PFX file) so that traffic is encrypted, or bind to 127.0.0.1, " +
                "or, behind a load balancer that ends TLS, set Network:TlsTerminatedByProxy=true with the proxy in Network:KnownProxies or Network:KnownNetworks.");
        }

        ProxyRules.Check(options, failures);

        if (options.GrpcPort is < 0 or > 65535 || options.HttpPort is < 0 or > 65535)
        {
            failures.Add("Network:GrpcPort and Network:HttpPort must be between 0 and 65535.");
        }
        else if (options.GrpcPort != 0 && options.GrpcPort == options.HttpPort)
        {
            failures.Add("Network:GrpcPort and Network:HttpPort must differ (gRPC needs HTTP/2, the dashboard HTTP/1.1).");
        }

        if (!string.IsNullOrWhiteSpace(options.CertificatePath) && !File.Exists(options.CertificatePath))
        {
            failures.Add($"Network:CertificatePath '{options.CertificatePath}' does not exist.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
