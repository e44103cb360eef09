using DossierTracking.GrpcApi.Security;

namespace DossierTracking.Silo.Configuration;

/// <summary>Bearer-token validation (section <c>Auth</c>).</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    public string Issuer { get; set; } = "dossier-tracking";

    public string Audience { get; set; } = "dvc-api";

    /// <summary>
    /// Keys that sign valid tokens; list several to rotate. Required outside Development; in Development, when none
    /// is configured, a development key is created in the data folder (<see cref="DevelopmentKey"/>).
    /// </summary>
    public List<SigningKey> SigningKeys { get; set; } = [];

    /// <summary>Partners that may authenticate with a client certificate (needs TLS: <c>Network:CertificatePath</c>).</summary>
    public List<PartnerCertificate> PartnerCertificates { get; set; } = [];

    /// <summary>Tolerance for clocks that differ between the token issuer and the silo.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);
}
