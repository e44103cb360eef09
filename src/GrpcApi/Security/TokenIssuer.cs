using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace DossierTracking.GrpcApi.Security;

/// <summary>
/// Signs tokens with one of the service's keys: for the development token command, tests and the load tool. In
/// production tokens come from the province's identity provider; the service only validates them.
/// </summary>
public static class TokenIssuer
{
    public static string Issue(SigningKey key, string issuer, string audience, string role, string subject, DateTimeOffset now, TimeSpan lifetime,
        string agency = "", string name = "")
    {
        var claims = new Dictionary<string, object> { [CallerClaims.Role] = role, [CallerClaims.Subject] = subject };
        if (agency.Length > 0)
        {
            claims[CallerClaims.Agency] = agency;
        }

        if (name.Length > 0)
        {
            claims[CallerClaims.Name] = name;
        }

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + lifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(key.ToSecurityKey(), SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }
}
