using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace DossierTracking.Silo.Configuration;

/// <summary>
/// Start-up check of <see cref="ClusterTlsOptions"/>: the certificate must be usable by a silo, which is both TLS
/// server and client; and a silo reachable beyond loopback must have cluster TLS, since its Orleans ports would
/// otherwise hand every record to anyone on the cluster network.
/// </summary>
public sealed class ClusterTlsOptionsValidator(SiloHostOptions silo, ClusteringMode clustering) : IValidateOptions<ClusterTlsOptions>
{
    private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";

    public ValidateOptionsResult Validate(string? name, ClusterTlsOptions options)
    {
        var failures = new List<string>();
        // Localhost clustering always advertises loopback, whatever Silo:AdvertisedAddress says.
        if (!options.Enabled && clustering != ClusteringMode.Localhost
            && IPAddress.TryParse(silo.AdvertisedAddress, out var advertised) && !IPAddress.IsLoopback(advertised))
        {
            var ports = silo.OpenGateway ? $"silo port {silo.SiloPort} and gateway port {silo.GatewayPort}" : $"silo port {silo.SiloPort}";
            failures.Add($"Silo:AdvertisedAddress {advertised} is not loopback, so the Orleans {ports} would take anyone on that network in plaintext: " +
                "set Silo:Tls:CertificatePath (the cluster certificate, a PFX file shared by all silos) so that silos talk over mutual TLS, or advertise 127.0.0.1.");
        }

        for (var i = 0; i < options.AllowedPeerThumbprints.Count; i++)
        {
            var thumbprint = ClusterTlsOptions.Normalize(options.AllowedPeerThumbprints[i]);
            if (thumbprint.Length != 64 || !thumbprint.All(char.IsAsciiHexDigit))
            {
                failures.Add($"Silo:Tls:AllowedPeerThumbprints:{i} '{options.AllowedPeerThumbprints[i]}' must be a certificate's SHA-256: 64 hexadecimal digits.");
            }
        }

        if (!options.Enabled)
        {
            if (options.AllowedPeerThumbprints.Count > 0)
            {
                failures.Add("Silo:Tls:AllowedPeerThumbprints needs Silo:Tls:CertificatePath: set this silo's cluster certificate too.");
            }
        }
        else if (!File.Exists(options.CertificatePath))
        {
            failures.Add($"Silo:Tls:CertificatePath '{options.CertificatePath}' does not exist.");
        }
        else
        {
            CheckCertificate(options, failures);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckCertificate(ClusterTlsOptions options, List<string> failures)
    {
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(options.CertificatePath!, options.CertificatePassword);
        }
        catch (CryptographicException e)
        {
            failures.Add($"Silo:Tls:CertificatePath '{options.CertificatePath}' cannot be read as a PFX file with Silo:Tls:CertificatePassword ({e.Message}).");
            return;
        }

        using (certificate)
        {
            if (!certificate.HasPrivateKey)
            {
                failures.Add($"Silo:Tls:CertificatePath '{options.CertificatePath}' has no private key: export the cluster certificate with its key.");
            }

            if (certificate.NotAfter < DateTime.Now || certificate.NotBefore > DateTime.Now)
            {
                failures.Add($"Silo:Tls:CertificatePath '{options.CertificatePath}' is valid from {certificate.NotBefore:u} to {certificate.NotAfter:u} only: issue a new cluster certificate.");
            }

            // Each silo is the TLS server of the connections it accepts and the client of those it opens.
            if (certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault() is { } usage
                && !(Allows(usage, ServerAuthentication) && Allows(usage, ClientAuthentication)))
            {
                failures.Add($"Silo:Tls:CertificatePath '{options.CertificatePath}': its extended key usage must allow both server and client authentication (or be absent).");
            }
        }
    }

    private static bool Allows(X509EnhancedKeyUsageExtension extension, string oid) =>
        extension.EnhancedKeyUsages.Cast<Oid>().Any(o => o.Value == oid);
}
