using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace DossierTracking.Silo.Hosting;

/// <summary>
/// Which key may verify which token. Each kind of key verifies one algorithm only: the configured HMAC keys HS256,
/// the identity provider's RSA keys RS256 and its EC keys ES256, so a token signed HS256 with an RSA public key as its
/// secret (algorithm confusion) finds no key. And each key speaks for one issuer only: an HMAC key for
/// <c>Auth:Issuer</c>, an identity provider's key for the issuer of the configuration it was read with.
/// </summary>
public static class TokenKeyRules
{
    /// <summary>The one algorithm a key may verify, or null for a key that verifies nothing here.</summary>
    public static string? AlgorithmOf(SecurityKey key) => key switch
    {
        // Configured keys only: a key set's symmetric ("oct") keys arrive as JsonWebKey and verify nothing.
        SymmetricSecurityKey => SecurityAlgorithms.HmacSha256,
        RsaSecurityKey => SecurityAlgorithms.RsaSha256,
        ECDsaSecurityKey => SecurityAlgorithms.EcdsaSha256,
        X509SecurityKey { PublicKey: RSA } => SecurityAlgorithms.RsaSha256,
        X509SecurityKey { PublicKey: ECDsa } => SecurityAlgorithms.EcdsaSha256,
        JsonWebKey { Kty: JsonWebAlgorithmsKeyTypes.RSA } => SecurityAlgorithms.RsaSha256,
        JsonWebKey { Kty: JsonWebAlgorithmsKeyTypes.EllipticCurve } => SecurityAlgorithms.EcdsaSha256,
        _ => null,
    };

    /// <summary>For <see cref="TokenValidationParameters.AlgorithmValidator"/>.</summary>
    public static bool AlgorithmMatchesKey(string algorithm, SecurityKey key, SecurityToken token, TokenValidationParameters parameters) =>
        string.Equals(AlgorithmOf(key), algorithm, StringComparison.Ordinal);

    /// <summary>For <see cref="TokenValidationParameters.IssuerSigningKeyValidatorUsingConfiguration"/>.</summary>
    public static IssuerSigningKeyValidatorUsingConfiguration KeyBelongsToIssuer(string hmacIssuer) =>
        (key, token, parameters, configuration) => key is SymmetricSecurityKey
            ? string.Equals(token.Issuer, hmacIssuer, StringComparison.Ordinal)
            : configuration is not null && string.Equals(token.Issuer, configuration.Issuer, StringComparison.Ordinal);
}
