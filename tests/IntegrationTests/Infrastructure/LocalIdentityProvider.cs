using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using DossierTracking.GrpcApi.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace DossierTracking.IntegrationTests.Infrastructure;

/// <summary>
/// A stand-in for the province's identity provider on 127.0.0.1: it serves an OpenID Connect discovery document
/// (<c>/.well-known/openid-configuration</c>) and its key set (<c>/jwks</c>), and signs tokens with its keys. Keys
/// can be published and withdrawn while it runs, as a rotation does; it counts the reads of its key set.
/// </summary>
public sealed class LocalIdentityProvider : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Dictionary<string, SecurityKey> _published = [];
    private int _keySetReads;

    private LocalIdentityProvider(WebApplication app, string issuer)
    {
        _app = app;
        Issuer = issuer;
    }

    /// <summary>Its issuer, <c>http://127.0.0.1:{port}</c>, which is also the authority to configure.</summary>
    public string Issuer { get; }

    public string JwksUri => Issuer + "/jwks";

    public int KeySetReads => Volatile.Read(ref _keySetReads);

    public static async Task<LocalIdentityProvider> StartAsync()
    {
        var port = FreePorts.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var provider = new LocalIdentityProvider(app, $"http://127.0.0.1:{port}");
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new JsonObject
        {
            ["issuer"] = provider.Issuer,
            ["jwks_uri"] = provider.JwksUri,
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256", "ES256"),
        }));
        app.MapGet("/jwks", () =>
        {
            Interlocked.Increment(ref provider._keySetReads);
            return Results.Content(provider.KeySetJson(), "application/json");
        });
        await app.StartAsync();
        return provider;
    }

    /// <summary>A new RSA key (2048 bits), published unless said otherwise.</summary>
    public RsaSecurityKey NewRsaKey(string kid, bool publish = true)
    {
        var key = new RsaSecurityKey(RSA.Create(2048)) { KeyId = kid };
        if (publish)
        {
            Publish(key);
        }

        return key;
    }

    /// <summary>A new EC key (P-256), published.</summary>
    public ECDsaSecurityKey NewEcKey(string kid)
    {
        var key = new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = kid };
        Publish(key);
        return key;
    }

    public void Publish(SecurityKey key)
    {
        lock (_published)
        {
            _published[key.KeyId] = key;
        }
    }

    public void Withdraw(string kid)
    {
        lock (_published)
        {
            _published.Remove(kid);
        }
    }

    /// <summary>A token as the provider would issue it, signed RS256 or ES256 by the key's kind.</summary>
    /// <param name="notBefore">Whether to write <c>nbf</c> (the lifetime then counts from <c>iat</c>).</param>
    public string Issue(SecurityKey key, string role, string subject = "idp-user", string agency = "", TimeSpan? lifetime = null, string? issuer = null,
        bool notBefore = true, string? algorithm = null)
    {
        var claims = new Dictionary<string, object> { [CallerClaims.Role] = role, [CallerClaims.Subject] = subject };
        if (agency.Length > 0)
        {
            claims[CallerClaims.Agency] = agency;
        }

        var now = DateTime.UtcNow;
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        return handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Issuer,
            Audience = TestTokens.Audience,
            Claims = claims,
            IssuedAt = now,
            NotBefore = notBefore ? now : null,
            Expires = now + (lifetime ?? TimeSpan.FromMinutes(30)),
            SigningCredentials = new SigningCredentials(key, algorithm ?? (key is ECDsaSecurityKey ? SecurityAlgorithms.EcdsaSha256 : SecurityAlgorithms.RsaSha256)),
        });
    }

    private string KeySetJson()
    {
        var keys = new JsonArray();
        lock (_published)
        {
            foreach (var key in _published.Values)
            {
                keys.Add(key switch
                {
                    RsaSecurityKey rsa => RsaJwk(rsa),
                    ECDsaSecurityKey ec => EcJwk(ec),
                    _ => throw new NotSupportedException(key.GetType().Name),
                });
            }
        }

        return new JsonObject { ["keys"] = keys }.ToJsonString();
    }

    private static JsonObject RsaJwk(RsaSecurityKey key)
    {
        var parameters = key.Rsa.ExportParameters(false);
        return new JsonObject
        {
            ["kty"] = "RSA", ["use"] = "sig", ["alg"] = "RS256", ["kid"] = key.KeyId,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus), ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        };
    }

    private static JsonObject EcJwk(ECDsaSecurityKey key)
    {
        var parameters = key.ECDsa.ExportParameters(false);
        return new JsonObject
        {
            ["kty"] = "EC", ["use"] = "sig", ["alg"] = "ES256", ["kid"] = key.KeyId, ["crv"] = "P-256",
            ["x"] = Base64UrlEncoder.Encode(parameters.Q.X), ["y"] = Base64UrlEncoder.Encode(parameters.Q.Y),
        };
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
