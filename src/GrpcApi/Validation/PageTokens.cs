using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using DossierTracking.GrpcApi.Errors;
using DossierTracking.GrpcApi.Security;
using Grpc.Core;

namespace DossierTracking.GrpcApi.Validation;

/// <summary>
/// Page sizes and sealed page tokens. A token carries the position after which the next page starts, encrypted and
/// authenticated (AES-GCM) under the deployment's <see cref="PageTokenKey"/>, and bound to the method, the caller
/// (role, subject, unit) and the query's filters: it cannot be read back into a receipt code, altered, replayed by
/// another caller or against another query, or used after <see cref="Lifetime"/>. Anything else is INVALID_ARGUMENT.
/// Hand-written because what it binds to is this API's own notion of a caller; the cipher is the platform's.
/// </summary>
public sealed class PageTokens(PageTokenKey key)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    /// <summary>How long a token opens the next page: long enough to page through any list, short enough not to linger.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    private const byte Version = 2;
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    /// <summary>0 means the default; above the maximum is clamped; negative is refused.</summary>
    public static int PageSize(int requested, string field = "page_size") => requested switch
    {
        < 0 => throw ApiErrors.Invalid(field, "NEGATIVE_PAGE_SIZE", $"{field} must not be negative."),
        0 => DefaultPageSize,
        > MaxPageSize => MaxPageSize,
        _ => requested,
    };

    /// <summary>A token for the page after <paramref name="position"/> of this caller's query.</summary>
    public string Seal(ServerCallContext context, string filter, string position) => Seal(Binding(context, filter), position, DateTimeOffset.UtcNow);

    /// <summary>The position in a token this service sealed for this caller and query; null for an empty token.</summary>
    public string? Open(ServerCallContext context, string filter, string token) => Open(Binding(context, filter), token, DateTimeOffset.UtcNow);

    public string Seal(byte[] binding, string position, DateTimeOffset now)
    {
        var plain = new byte[8 + Encoding.UTF8.GetByteCount(position)];
        BinaryPrimitives.WriteInt64BigEndian(plain, now.ToUnixTimeSeconds());
        Encoding.UTF8.GetBytes(position, plain.AsSpan(8));
        var token = new byte[1 + NonceBytes + TagBytes + plain.Length];
        token[0] = Version;
        var nonce = token.AsSpan(1, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key.Value, TagBytes);
        aes.Encrypt(nonce, plain, token.AsSpan(1 + NonceBytes + TagBytes), token.AsSpan(1 + NonceBytes, TagBytes), binding);
        return Convert.ToBase64String(token).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public string? Open(byte[] binding, string token, DateTimeOffset now)
    {
        if (token.Length == 0)
        {
            return null;
        }

        var bytes = FromBase64Url(token);
        if (bytes is null || bytes.Length < 1 + NonceBytes + TagBytes + 8 || bytes[0] != Version)
        {
            throw Foreign();
        }

        var plain = new byte[bytes.Length - 1 - NonceBytes - TagBytes];
        try
        {
            using var aes = new AesGcm(key.Value, TagBytes);
            aes.Decrypt(bytes.AsSpan(1, NonceBytes), bytes.AsSpan(1 + NonceBytes + TagBytes), bytes.AsSpan(1 + NonceBytes, TagBytes), plain, binding);
        }
        catch (AuthenticationTagMismatchException)
        {
            throw Foreign();
        }

        var issued = DateTimeOffset.FromUnixTimeSeconds(BinaryPrimitives.ReadInt64BigEndian(plain));
        if (now - issued > Lifetime)
        {
            throw ApiErrors.Invalid("page_token", "PAGE_TOKEN_EXPIRED", "page_token has expired: ask for the first page again.");
        }

        return Encoding.UTF8.GetString(plain, 8, plain.Length - 8);
    }

    public static RpcException Foreign() =>
        ApiErrors.Invalid("page_token", "INVALID_PAGE_TOKEN", "page_token is not one this service issued for this caller and these filters.");

    /// <summary>What a token is bound to: the method, who calls it, and the filters of the query.</summary>
    private static byte[] Binding(ServerCallContext context, string filter)
    {
        var caller = Caller.Of(context);
        return Encoding.UTF8.GetBytes(string.Join('\n', context.Method, caller.Role, caller.PersonId, caller.AgencyCode, filter));
    }

    private static byte[]? FromBase64Url(string text)
    {
        if (text.Length > 1024)
        {
            return null;
        }

        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += (padded.Length % 4) switch { 2 => "==", 3 => "=", 0 => "", _ => "!" };
        var buffer = new byte[padded.Length];
        return Convert.TryFromBase64String(padded, buffer, out var written) ? buffer[..written] : null;
    }
}
