using DossierTracking.GrpcApi.Security;

namespace DossierTracking.Silo.Configuration;

/// <summary>Bearer-token validation (section <c>Auth</c>).</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>The longest validity window a token may have unless configured: see <see cref="MaxTokenLifetime"/>.</summary>
    public static readonly TimeSpan DefaultMaxTokenLifetime = TimeSpan.FromHours(12);

    /// <summary>How often the identity provider's keys are read again on their own: see <see cref="KeyRefreshInterval"/>.</summary>
    public static readonly TimeSpan DefaultKeyRefreshInterval = TimeSpan.FromHours(1);

    /// <summary>The least time between two reads of the identity provider's keys: see <see cref="MinimumKeyRefreshInterval"/>.</summary>
    public static readonly TimeSpan DefaultMinimumKeyRefreshInterval = TimeSpan.FromMinutes(1);

    /// <summary>The issuer (<c>iss</c>) of tokens signed with <see cref="SigningKeys"/>.</summary>
    public string Issuer { get; set; } = "dossier-tracking";

    /// <summary>The audience (<c>aud</c>) every token must name, whoever signed it.</summary>
    public string Audience { get; set; } = "dvc-api";

    /// <summary>
    /// HMAC-SHA256 keys that sign valid tokens (HS256); list several to rotate. For development and tests: in
    /// production tokens come from the identity provider (<see cref="Authority"/>). Outside Development either these
    /// or an identity provider must be configured; in Development, when none is configured, a development key is
    /// created in the data folder (<see cref="DevelopmentKey"/>).
    /// </summary>
    public List<SigningKey> SigningKeys { get; set; } = [];

    /// <summary>
    /// The identity provider's issuer (OpenID Connect), e.g. <c>https://sso.quangninh.gov.vn/realms/dvc</c>. Its
    /// tokens (RS256, ES256) must name it as their issuer, and its keys are read from the <c>jwks_uri</c> of
    /// <c>{Authority}/.well-known/openid-configuration</c>, unless <see cref="JwksUri"/> is set.
    /// </summary>
    public string? Authority { get; set; }

    /// <summary>
    /// The identity provider's key set (JWKS), read directly instead of through discovery. Needs
    /// <see cref="Authority"/>, which then only names the issuer its tokens carry.
    /// </summary>
    public string? JwksUri { get; set; }

    /// <summary>
    /// The identity provider's keys are read again at least this often, so a key it withdraws stops working within
    /// this time, for tokens already accepted too.
    /// </summary>
    public TimeSpan KeyRefreshInterval { get; set; } = DefaultKeyRefreshInterval;

    /// <summary>
    /// A token naming a key the silo does not know makes it read the keys again at once (a rotation), but not more
    /// often than this: tokens with made-up key ids cannot turn the silo into a flood against the identity provider.
    /// </summary>
    public TimeSpan MinimumKeyRefreshInterval { get; set; } = DefaultMinimumKeyRefreshInterval;

    /// <summary>
    /// The longest validity window (expiry minus not-before, or minus issued-at without it) of a token accepted, whatever
    /// signed it; a longer one is refused as unauthenticated. A bearer token cannot be revoked here: one that leaks
    /// works until it expires, so its life is bounded. 12 hours covers an officer's working day (07:00 to 17:00) and
    /// the load tool's tokens (exactly 12 hours); an identity provider's access tokens usually live minutes, and its
    /// clients fetch new ones, so the bound only stops tokens minted to last for days.
    /// </summary>
    public TimeSpan MaxTokenLifetime { get; set; } = DefaultMaxTokenLifetime;

    /// <summary>Partners that may authenticate with a client certificate (needs TLS: <c>Network:CertificatePath</c>).</summary>
    public List<PartnerCertificate> PartnerCertificates { get; set; } = [];

    /// <summary>Tolerance for clocks that differ between the token issuer and the silo.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether tokens of an identity provider are accepted (<see cref="Authority"/> is set).</summary>
    public bool HasIdentityProvider => !string.IsNullOrWhiteSpace(Authority);

    /// <summary>Where the identity provider's keys are read: the key set itself, or the discovery document.</summary>
    public string? MetadataAddress => !HasIdentityProvider ? null
        : !string.IsNullOrWhiteSpace(JwksUri) ? JwksUri
        : Authority!.TrimEnd('/') + "/.well-known/openid-configuration";
}
