using DossierTracking.Silo.Configuration;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Connections.Security;

namespace DossierTracking.Silo.Hosting;

/// <summary>Applies <see cref="ClusterSecurity"/> to the silo.</summary>
public static class ClusterSecurityExtensions
{
    /// <summary>
    /// Closes the gateway unless <c>Silo:OpenGateway</c>; with a cluster certificate, puts every silo and gateway
    /// connection under mutual TLS; and refuses to start if, after all configuration, an Orleans port would listen
    /// beyond loopback without TLS.
    /// </summary>
    public static ISiloBuilder UseClusterSecurity(this ISiloBuilder silo, ClusterSecurity security)
    {
        if (!security.OpenGateway)
        {
            // Orleans runs without a gateway when its port is 0 (the gRPC API is co-hosted and calls grains in-process).
            // After every Configure, so that neither the Silo settings nor Orleans:Endpoints open it.
            silo.Services.PostConfigure<EndpointOptions>(o =>
            {
                o.GatewayPort = 0;
                o.GatewayListeningEndpoint = null;
            });
        }

        silo.Services.AddSingleton<IValidateOptions<EndpointOptions>>(new ClusterEndpointsValidator(tls: security.Certificate is not null));
        silo.Services.AddOptions<EndpointOptions>().ValidateOnStart();

        if (security.Certificate is { } certificate)
        {
            silo.UseTls(certificate, tls =>
            {
                // Both sides present the cluster certificate, and both check the other's against the pins.
                tls.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
                tls.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
                tls.RemoteCertificateValidation = (peer, _, _) => security.AcceptsPeer(peer);
            });
        }

        return silo;
    }
}
