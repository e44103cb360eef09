namespace DossierTracking.Silo.Configuration;

/// <summary>
/// A partner (payment intermediary or postal operator) that may authenticate with a TLS client certificate instead
/// of a bearer token (section <c>Auth:PartnerCertificates</c>). The certificate is pinned by its SHA-256 thumbprint.
/// </summary>
public sealed class PartnerCertificate
{
    /// <summary>SHA-256 of the certificate (64 hexadecimal digits, any case, colons allowed).</summary>
    public string Thumbprint { get; set; } = "";

    /// <summary><c>payment</c> or <c>postal</c>.</summary>
    public string Role { get; set; } = "";

    /// <summary>The partner's code, recorded as the actor of its reports.</summary>
    public string Subject { get; set; } = "";

    public string NormalizedThumbprint => Thumbprint.Replace(":", "", StringComparison.Ordinal).ToUpperInvariant();
}
