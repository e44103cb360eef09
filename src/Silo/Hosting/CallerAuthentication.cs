using System.Security.Claims;
using DossierTracking.GrpcApi.Security;
using DossierTracking.Silo.Configuration;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Certificate;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace DossierTracking.Silo.Hosting;

/// <summary>
/// Who calls: bearer tokens (JWT) for the configured audience, signed either by a configured HMAC key (HS256, issuer
/// <c>Auth:Issuer</c>: development and tests) or by the identity provider's published keys (RS256, ES256, its own
/// issuer: production), never valid for longer than <c>Auth:MaxTokenLifetime</c>; and partners' pinned client
/// certificates. Who may call what is decided per RPC by <see cref="AccessInterceptor"/>.
/// </summary>
public static class CallerAuthentication
{
    /// <summary>The authorization policy of the operations pages (the dashboard).</summary>
    public const string OperatorPolicy = "operator";

    private const string BearerOrCertificate = "bearer-or-certificate";

    /// <param name="dataDirectory">The data folder, where Development keeps its key when no HMAC key is configured.</param>
    public static IServiceCollection AddCallerAuthentication(this IServiceCollection services, AuthOptions auth, bool development, string dataDirectory)
    {
        IReadOnlyList<SigningKey> hmacKeys = auth.SigningKeys.Count > 0 ? auth.SigningKeys
            : development ? [DevelopmentKey.LoadOrCreate(dataDirectory)]
            : [];
        if (auth.HasIdentityProvider)
        {
            services.AddSingleton(sp => new IdentityProviderKeys(auth,
                new MetadataDocumentRetriever(new HttpClient { Timeout = TimeSpan.FromSeconds(10) }),
                TimeProvider.System, sp.GetRequiredService<ILogger<IdentityProviderKeys>>()));
        }

        var authentication = services.AddAuthentication(auth.PartnerCertificates.Count == 0 ? JwtBearerDefaults.AuthenticationScheme : BearerOrCertificate);
        if (auth.PartnerCertificates.Count > 0)
        {
            AddPartnerCertificates(authentication, auth.PartnerCertificates);
        }

        authentication.AddJwtBearer();
        services.AddSingleton<IClaimsTransformation, SupervisorProvinceClaim>();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<IServiceProvider>((o, sp) =>
        {
            var identityProvider = auth.HasIdentityProvider ? sp.GetRequiredService<IdentityProviderKeys>() : null;
            o.MapInboundClaims = false;
            o.ConfigurationManager = identityProvider;
            o.TokenHandlers.Clear();
            o.TokenHandlers.Add(new CachingTokenHandler(auth.MaxTokenLifetime, identityProvider) { MapInboundClaims = false });
            o.Events = new JwtBearerEvents
            {
                OnMessageReceived = DashboardLogin.ReadCookie,
                OnChallenge = DashboardLogin.SendBrowserToLogin,
            };
            o.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = auth.Issuer,
                ValidAudience = auth.Audience,
                IssuerSigningKeys = hmacKeys.Select(k => k.ToSecurityKey()).ToList(),
                // Per key, not one list for all keys: HS256 for the HMAC keys, RS256 and ES256 for the provider's.
                AlgorithmValidator = TokenKeyRules.AlgorithmMatchesKey,
                IssuerSigningKeyValidatorUsingConfiguration = TokenKeyRules.KeyBelongsToIssuer(auth.Issuer),
                RequireExpirationTime = true,
                ClockSkew = auth.ClockSkew,
                NameClaimType = CallerClaims.Subject,
                RoleClaimType = CallerClaims.Role,
            };
        });
        services.AddAuthorization(o => o.AddPolicy(OperatorPolicy, p => p.RequireAuthenticatedUser().RequireRole(Roles.Operator)));
        return services;
    }

    /// <summary>
    /// Checks a token as a call's bearer token is checked (same keys, rules and cache), for the dashboard's login
    /// form: the caller's claims (after the same claims transformation a call's get) and the token's expiry, or null
    /// when the token is not valid here.
    /// </summary>
    public static async Task<(ClaimsIdentity Caller, DateTime Expires)?> ValidateAsync(IServiceProvider services, string token)
    {
        var options = services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme);
        var parameters = options.TokenValidationParameters.Clone();
        parameters.ConfigurationManager = options.ConfigurationManager as BaseConfigurationManager;
        var result = await options.TokenHandlers[0].ValidateTokenAsync(token, parameters);
        if (!result.IsValid)
        {
            return null;
        }

        var principal = new ClaimsPrincipal(result.ClaimsIdentity);
        foreach (var transformation in services.GetServices<IClaimsTransformation>())
        {
            principal = await transformation.TransformAsync(principal);
        }

        return ((ClaimsIdentity)principal.Identity!, result.SecurityToken.ValidTo);
    }

    /// <summary>
    /// Partners may present a TLS client certificate instead of a token: a call with an Authorization header is
    /// judged by its token; one without, by its certificate, which must be one of the pinned thumbprints.
    /// </summary>
    private static void AddPartnerCertificates(AuthenticationBuilder authentication, IReadOnlyList<PartnerCertificate> partners)
    {
        var byThumbprint = partners.ToDictionary(p => p.NormalizedThumbprint, StringComparer.Ordinal);
        authentication.AddPolicyScheme(BearerOrCertificate, "Bearer token, or a partner's client certificate", o =>
            o.ForwardDefaultSelector = context => context.Request.Headers.Authorization.Count == 0 && context.Connection.ClientCertificate is not null
                ? CertificateAuthenticationDefaults.AuthenticationScheme
                : JwtBearerDefaults.AuthenticationScheme);
        authentication.AddCertificate(o =>
        {
            // Trust comes from the pinned thumbprint, so partners may use self-signed certificates.
            o.AllowedCertificateTypes = CertificateTypes.All;
            o.RevocationMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck;
            o.ValidateCertificateUse = false;
            o.Events = new CertificateAuthenticationEvents
            {
                OnCertificateValidated = context =>
                {
                    var thumbprint = context.ClientCertificate.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256);
                    if (byThumbprint.TryGetValue(thumbprint, out var partner))
                    {
                        context.Principal = new ClaimsPrincipal(new ClaimsIdentity(
                            [new Claim(CallerClaims.Role, partner.Role), new Claim(CallerClaims.Subject, partner.Subject)],
                            CertificateAuthenticationDefaults.AuthenticationScheme, CallerClaims.Subject, CallerClaims.Role));
                        context.Success();
                    }
                    else
                    {
                        context.Fail("This client certificate belongs to no partner.");
                    }

                    return Task.CompletedTask;
                },
            };
        });
    }
}
