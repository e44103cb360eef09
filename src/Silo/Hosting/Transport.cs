using System.Net;
using DossierTracking.Silo.Configuration;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace DossierTracking.Silo.Hosting;

/// <summary>The host's two endpoints: gRPC (HTTP/2) and HTTP/1.1 for the dashboard and health, with TLS when a certificate is set.</summary>
public static class Transport
{
    public static void Configure(KestrelServerOptions kestrel, NetworkOptions options, bool acceptClientCertificates)
    {
        var address = IPAddress.Parse(options.BindAddress);
        kestrel.Listen(address, options.GrpcPort, listen =>
        {
            listen.Protocols = HttpProtocols.Http2;
            UseTls(listen, options, acceptClientCertificates);
        });
        kestrel.Listen(address, options.HttpPort, listen =>
        {
            // Browsers and curl: HTTP/1.1 in plaintext, with HTTP/2 negotiated when TLS is on.
            listen.Protocols = string.IsNullOrWhiteSpace(options.CertificatePath) ? HttpProtocols.Http1 : HttpProtocols.Http1AndHttp2;
            UseTls(listen, options);
        });
    }

    private static void UseTls(ListenOptions listen, NetworkOptions options, bool acceptClientCertificates = false)
    {
        if (!string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            listen.UseHttps(options.CertificatePath, options.CertificatePassword, https =>
            {
                if (acceptClientCertificates)
                {
                    // Asked for, not required (portals and officers come with tokens); which certificate means whom is
                    // decided by authentication against the pinned thumbprints, so TLS itself accepts any.
                    https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
                    https.AllowAnyClientCertificate();
                }
            });
        }
    }
}
