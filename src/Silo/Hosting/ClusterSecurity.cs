using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DossierTracking.Silo.Configuration;
using Microsoft.Extensions.Options;

namespace DossierTracking.Silo.Hosting;

/// <summary>
/// How the silo guards its own Orleans ports (settings <c>Silo:Tls:*</c> and <c>Silo:OpenGateway</c>), read and
/// checked at start-up: the cluster certificate, the peer certificates it accepts, and whether the gateway is open.
/// Applied to the silo by <see cref="ClusterSecurityExtensions.UseClusterSecurity"/>.
/// </summary>
public sealed class ClusterSecurity
{
    private readonly HashSet<string> _allowedPeers;

    private ClusterSecurity(X509Certificate2? certificate, HashSet<string> allowedPeers, bool openGateway)
    {
        Certificate = certificate;
        _allowedPeers = allowedPeers;
        OpenGateway = openGateway;
    }

    /// <summary>The cluster certificate; null when silos talk in plaintext (loopback only).</summary>
    public X509Certificate2? Certificate { get; }

    /// <summary>Whether the Orleans client gateway listens (<c>Silo:OpenGateway</c>); nothing in this service uses it.</summary>
    public bool OpenGateway { get; }

    /// <summary>
    /// Reads and validates the settings. Throws <see cref="OptionsValidationException"/> naming the bad setting, among
    /// others when the silo would be reachable beyond loopback without cluster TLS.
    /// </summary>
    public static ClusterSecurity Load(IConfiguration configuration, SiloHostOptions silo, ClusteringMode clustering)
    {
        var options = new ClusterTlsOptions();
        try
        {
            configuration.GetSection(ClusterTlsOptions.Section).Bind(options);
        }
        catch (InvalidOperationException e)
        {
            throw new OptionsValidationException(ClusterTlsOptions.Section, typeof(ClusterTlsOptions), [$"{ClusterTlsOptions.Section}: {e.Message}"]);
        }

        var result = new ClusterTlsOptionsValidator(silo, clustering).Validate(null, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(ClusterTlsOptions.Section, typeof(ClusterTlsOptions), result.Failures);
        }

        if (!options.Enabled)
        {
            return new ClusterSecurity(null, [], silo.OpenGateway);
        }

        var certificate = X509CertificateLoader.LoadPkcs12FromFile(options.CertificatePath!, options.CertificatePassword);
        var allowed = options.AllowedPeerThumbprints.Select(ClusterTlsOptions.Normalize).ToHashSet(StringComparer.Ordinal);
        allowed.Add(Thumbprint(certificate));
        return new ClusterSecurity(certificate, allowed, silo.OpenGateway);
    }

    /// <summary>Whether a peer silo's certificate is pinned. Chain and name are not checked: the pin is the trust.</summary>
    public bool AcceptsPeer(X509Certificate2 certificate) => _allowedPeers.Contains(Thumbprint(certificate));

    private static string Thumbprint(X509Certificate2 certificate) => certificate.GetCertHashString(HashAlgorithmName.SHA256);
}
