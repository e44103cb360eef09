using Microsoft.IdentityModel.JsonWebTokens;

namespace DossierTracking.Silo.Hosting;

/// <summary>The validity window of a token: from its not-before (or, without one, its issue time) to its expiry.</summary>
public static class TokenLifetime
{
    /// <summary>Whether the window is longer than <paramref name="max"/>, or cannot be known (no start, or no expiry).</summary>
    public static bool Exceeds(JsonWebToken token, TimeSpan max)
    {
        var start = token.ValidFrom != DateTime.MinValue ? token.ValidFrom : token.IssuedAt;
        return start == DateTime.MinValue || token.ValidTo == DateTime.MinValue || token.ValidTo - start > max;
    }
}
