namespace DossierTracking.Silo.Configuration;

/// <summary>
/// Mutual TLS between silos (section <c>Silo:Tls</c>). Every silo presents the cluster certificate and accepts a peer
/// only if the peer's certificate is pinned: the silo's own certificate, plus any listed in
/// <see cref="AllowedPeerThumbprints"/>. Trust comes from the pin, so a self-signed certificate is fine.
/// </summary>
public sealed class ClusterTlsOptions
{
    public const string Section = "Silo:Tls";

    /// <summary>The cluster certificate with its private key, a PFX file. When set, every silo connection uses TLS.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The password of <see cref="CertificatePath"/>, if any. Never logged.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>
    /// SHA-256 thumbprints (64 hexadecimal digits, colons allowed) of further certificates accepted from other silos,
    /// beside this silo's own. Empty when all silos share one certificate; list the next certificate to rotate.
    /// </summary>
    public List<string> AllowedPeerThumbprints { get; set; } = [];

    public bool Enabled => !string.IsNullOrWhiteSpace(CertificatePath);

    /// <summary>A thumbprint as compared: without colons or spaces, upper case.</summary>
    public static string Normalize(string thumbprint) =>
        thumbprint.Replace(":", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
}
