using System.Net;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace DossierTracking.Silo.Configuration;

/// <summary>
/// Checks the Orleans endpoints as Orleans will use them, after every source of configuration (the <c>Silo</c>
/// settings, but also Orleans' own <c>Orleans:Endpoints</c> section): without cluster TLS, the silo and gateway
/// ports may listen on loopback only.
/// </summary>
public sealed class ClusterEndpointsValidator(bool tls) : IValidateOptions<EndpointOptions>
{
    public ValidateOptionsResult Validate(string? name, EndpointOptions options)
    {
        if (tls)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        var advertised = options.AdvertisedIPAddress ?? IPAddress.Loopback;
        var silo = options.SiloListeningEndpoint ?? new IPEndPoint(advertised, options.SiloPort);
        if (!IPAddress.IsLoopback(silo.Address))
        {
            failures.Add(Refusal("silo", silo));
        }

        var gateway = options.GatewayListeningEndpoint ?? (options.GatewayPort != 0 ? new IPEndPoint(advertised, options.GatewayPort) : null);
        if (gateway is not null && !IPAddress.IsLoopback(gateway.Address))
        {
            failures.Add(Refusal("gateway", gateway));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string Refusal(string port, IPEndPoint endpoint) =>
        $"The Orleans {port} port would listen on {endpoint}, which is not loopback (Silo:AdvertisedAddress or Orleans:Endpoints): " +
        "set Silo:Tls:CertificatePath (the cluster certificate, a PFX file) so that silos talk over mutual TLS, or listen on 127.0.0.1.";
}
