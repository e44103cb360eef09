using DossierTracking.GrpcApi.Security;
using Microsoft.Extensions.Options;

namespace DossierTracking.Silo.Configuration;

/// <summary>
/// Start-up check of <see cref="AuthOptions"/>. Outside Development HMAC keys or an identity provider must be
/// configured, and the development key is refused.
/// </summary>
public sealed class AuthOptionsValidator(bool development) : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Issuer) || string.IsNullOrWhiteSpace(options.Audience))
        {
            return ValidateOptionsResult.Fail("Auth:Issuer and Auth:Audience must be set.");
        }

        if (options.SigningKeys.Count == 0 && !options.HasIdentityProvider && !development)
        {
            return ValidateOptionsResult.Fail(
                "No token can be checked: set Auth:Authority (the identity provider's issuer URL) or list HMAC keys in Auth:SigningKeys " +
                "(Auth:SigningKeys:0:Id and Auth:SigningKeys:0:Key, base64 of 32 bytes or more): " +
                "development keys are used only when DOTNET_ENVIRONMENT=Development.");
        }

        if (ValidateIdentityProvider(options) is { } idpFailure)
        {
            return ValidateOptionsResult.Fail(idpFailure);
        }

        foreach (var key in options.SigningKeys)
        {
            if (string.IsNullOrWhiteSpace(key.Id))
            {
                return ValidateOptionsResult.Fail("Every Auth:SigningKeys entry needs an Id (tokens name their key by it).");
            }

            byte[] bytes;
            try
            {
                bytes = Convert.FromBase64String(key.Key);
            }
            catch (FormatException)
            {
                return ValidateOptionsResult.Fail($"Auth:SigningKeys key '{key.Id}' is not base64.");
            }

            if (bytes.Length < SigningKey.MinimumBytes)
            {
                return ValidateOptionsResult.Fail($"Auth:SigningKeys key '{key.Id}' has {bytes.Length} bytes; at least {SigningKey.MinimumBytes} are needed.");
            }

            if (!development && key.Id.StartsWith(DevelopmentKey.IdPrefix, StringComparison.Ordinal))
            {
                return ValidateOptionsResult.Fail($"Auth:SigningKeys key '{key.Id}' is a development key: it is refused outside Development.");
            }
        }

        foreach (var partner in options.PartnerCertificates)
        {
            if (partner.NormalizedThumbprint.Length != 64 || !partner.NormalizedThumbprint.All(char.IsAsciiHexDigit))
            {
                return ValidateOptionsResult.Fail($"Auth:PartnerCertificates thumbprint '{partner.Thumbprint}' must be the certificate's SHA-256: 64 hexadecimal digits.");
            }

            if (partner.Role is not (Roles.Payment or Roles.Postal) || string.IsNullOrWhiteSpace(partner.Subject))
            {
                return ValidateOptionsResult.Fail("Every Auth:PartnerCertificates entry needs Role 'payment' or 'postal' and the partner's Subject (its code).");
            }
        }

        if (options.SigningKeys.Select(k => k.Id).Distinct().Count() != options.SigningKeys.Count)
        {
            return ValidateOptionsResult.Fail("Auth:SigningKeys ids must be unique.");
        }

        if (options.MaxTokenLifetime < TimeSpan.FromMinutes(1) || options.MaxTokenLifetime > TimeSpan.FromDays(7))
        {
            return ValidateOptionsResult.Fail($"Auth:MaxTokenLifetime must be between 00:01:00 and 7.00:00:00 (default {AuthOptions.DefaultMaxTokenLifetime}).");
        }

        return options.ClockSkew < TimeSpan.Zero || options.ClockSkew > TimeSpan.FromMinutes(5)
            ? ValidateOptionsResult.Fail("Auth:ClockSkew must be between 00:00:00 and 00:05:00.")
            : ValidateOptionsResult.Success;
    }

    private static string? ValidateIdentityProvider(AuthOptions options)
    {
        if (!options.HasIdentityProvider)
        {
            return string.IsNullOrWhiteSpace(options.JwksUri) ? null
                : "Auth:JwksUri needs Auth:Authority: the issuer (iss) the identity provider writes in its tokens.";
        }

        if (!Uri.TryCreate(options.Authority, UriKind.Absolute, out _))
        {
            return $"Auth:Authority '{options.Authority}' is not an absolute URL: give the identity provider's issuer, e.g. https://sso.example.gov.vn/realms/dvc.";
        }

        var address = options.MetadataAddress!;
        var setting = string.IsNullOrWhiteSpace(options.JwksUri) ? "Auth:Authority" : "Auth:JwksUri";
        if (!MetadataAddressRule.IsAllowed(address))
        {
            return $"{setting}: the identity provider's keys would be read from '{address}'; they must come over HTTPS " +
                "(plain HTTP only from a loopback address, for tests), or anyone on the network path could swap them and sign any token.";
        }

        if (string.Equals(options.Authority!.TrimEnd('/'), options.Issuer.TrimEnd('/'), StringComparison.Ordinal))
        {
            return "Auth:Issuer must differ from Auth:Authority: HMAC-signed tokens must never pass for the identity provider's.";
        }

        if (options.KeyRefreshInterval < TimeSpan.FromMinutes(5) || options.KeyRefreshInterval > TimeSpan.FromDays(1))
        {
            return "Auth:KeyRefreshInterval must be between 00:05:00 and 1.00:00:00.";
        }

        return options.MinimumKeyRefreshInterval < TimeSpan.FromSeconds(1) || options.MinimumKeyRefreshInterval > options.KeyRefreshInterval
            ? "Auth:MinimumKeyRefreshInterval must be at least 00:00:01 and at most Auth:KeyRefreshInterval."
            : null;
    }
}
