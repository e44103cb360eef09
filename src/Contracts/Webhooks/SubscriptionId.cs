using System.Security.Cryptography;

namespace DossierTracking.Contracts.Webhooks;

/// <summary>
/// The id of a webhook subscription: <see cref="Prefix"/> and 16 lower-case hex digits, drawn at random so an id
/// tells nothing of how many subscriptions exist. The API refuses any other shape; the audit trail records only this one.
/// </summary>
public static class SubscriptionId
{
    public const string Prefix = "sub_";
    private const int HexDigits = 16;

    public static string New() => Prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(HexDigits / 2));

    public static bool IsValid(string? id) =>
        id is not null
        && id.Length == Prefix.Length + HexDigits
        && id.StartsWith(Prefix, StringComparison.Ordinal)
        && id.AsSpan(Prefix.Length).IndexOfAnyExcept("0123456789abcdef") < 0;
}
