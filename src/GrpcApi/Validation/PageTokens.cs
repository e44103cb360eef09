using System.Security.Cryptography;
using System.Text;
using DossierTracking.GrpcApi.Errors;

namespace DossierTracking.GrpcApi.Validation;

/// <summary>
/// Page sizes and opaque page tokens. A token carries the position after which the next page starts and a hash of
/// the query's filters, so it cannot be replayed against a different query; anything else is INVALID_ARGUMENT.
/// </summary>
public static class PageTokens
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    /// <summary>0 means the default; above the maximum is clamped; negative is refused.</summary>
    public static int PageSize(int requested, string field = "page_size") => requested switch
    {
        < 0 => throw ApiErrors.Invalid(field, "NEGATIVE_PAGE_SIZE", $"{field} must not be negative."),
        0 => DefaultPageSize,
        > MaxPageSize => MaxPageSize,
        _ => requested,
    };

    public static string FilterHash(string filter) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(filter)), 0, 8);

    public static string Encode(string filterHash, string position) =>
        Base64Url(Encoding.UTF8.GetBytes($"v1|{filterHash}|{position}"));

    /// <summary>The position in a token issued for the same filters; null for an empty token.</summary>
    public static string? Decode(string token, string filterHash)
    {
        if (token.Length == 0)
        {
            return null;
        }

        string[] parts;
        try
        {
            parts = Encoding.UTF8.GetString(FromBase64Url(token)).Split('|', 3);
        }
        catch (FormatException)
        {
            throw Foreign();
        }

        if (parts.Length != 3 || parts[0] != "v1" || parts[2].Length == 0)
        {
            throw Foreign();
        }

        if (parts[1] != filterHash)
        {
            throw ApiErrors.Invalid("page_token", "PAGE_TOKEN_QUERY_MISMATCH", "page_token belongs to a different query: repeat the filters of the first page.");
        }

        return parts[2];
    }

    public static Grpc.Core.RpcException Foreign() =>
        ApiErrors.Invalid("page_token", "INVALID_PAGE_TOKEN", "page_token is not a token this service issued.");

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string text)
    {
        if (text.Length > 512)
        {
            throw new FormatException();
        }

        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += (padded.Length % 4) switch { 2 => "==", 3 => "=", 0 => "", _ => throw new FormatException() };
        return Convert.FromBase64String(padded);
    }
}
