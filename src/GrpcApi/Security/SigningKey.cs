using Microsoft.IdentityModel.Tokens;

namespace DossierTracking.GrpcApi.Security;

/// <summary>
/// A token signing key (HMAC-SHA256) with its id. Several may be configured at once, so keys can be rotated: tokens
/// name the key that signed them (<c>kid</c>).
/// </summary>
public sealed class SigningKey
{
    public const int MinimumBytes = 32;

    public string Id { get; set; } = "";

    /// <summary>Base64, at least <see cref="MinimumBytes"/> bytes.</summary>
    public string Key { get; set; } = "";

    public SymmetricSecurityKey ToSecurityKey() => new(Convert.FromBase64String(Key)) { KeyId = Id };

    public static SigningKey Generate(string id) => new() { Id = id, Key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(MinimumBytes)) };
}
