using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace DossierTracking.Silo.Webhooks;

/// <summary>
/// How a delivery proves it comes from this service and was not replayed from long ago: an HMAC-SHA256, keyed with the
/// UTF-8 bytes of the subscription's secret, over the text "{timestamp}.{body}" (timestamp in Unix seconds, then a
/// dot, then the exact bytes of the body). Sent as <c>Dvc-Webhook-Signature: v1=&lt;lowercase hex&gt;</c> beside
/// <c>Dvc-Webhook-Timestamp</c>; a receiver recomputes it, compares in constant time, and refuses old timestamps.
/// </summary>
public static class WebhookSignature
{
    public const string IdHeader = "Dvc-Webhook-Id";
    public const string TimestampHeader = "Dvc-Webhook-Timestamp";
    public const string SignatureHeader = "Dvc-Webhook-Signature";
    public const string Scheme = "v1=";

    public static string Compute(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return Scheme + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }
}
