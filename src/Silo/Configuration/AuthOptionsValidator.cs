using DossierTracking.GrpcApi.Security;
using Microsoft.Extensions.Options;

namespace DossierTracking.Silo.Configuration;

/// <summary>Start-up check of <see cref="AuthOptions"/>. Outside Development a signing key must be configured: the development key is refused.</summary>
public sealed class AuthOptionsValidator(bool development) : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Issuer) || string.IsNullOrWhiteSpace(options.Audience))
        {
            return ValidateOptionsResult.Fail("Auth:Issuer and Auth:Audience must be set.");
        }

        if (options.SigningKeys.Count == 0 && !development)
        {
            return ValidateOptionsResult.Fail(
                "Auth:SigningKeys must list at least one key (Auth:SigningKeys:0:Id and Auth:SigningKeys:0:Key, base64 of 32 bytes or more): " +
                "development keys are used only when DOTNET_ENVIRONMENT=Development.");
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

        return options.ClockSkew < TimeSpan.Zero || options.ClockSkew > TimeSpan.FromMinutes(5)
            ? ValidateOptionsResult.Fail("Auth:ClockSkew must be between 00:00:00 and 00:05:00.")
            : ValidateOptionsResult.Success;
    }
}
