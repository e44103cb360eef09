using System.Text;
using DossierTracking.Contracts.Dossiers;
using DossierTracking.Contracts.Payments;
using DossierTracking.Contracts.Postal;
using DossierTracking.Contracts.Webhooks;

namespace DossierTracking.Contracts.Audit;

/// <summary>
/// Makes values safe for the audit: a log line and a row never get a line break, a control or bidirectional-override
/// character, or more than a column's length, whatever a request or a token carried. Targets are written only when
/// well formed (a receipt code, payment request id, tracking number, unit code or subscription id); anything else becomes
/// <see cref="Invalid"/>, so a refused request's raw text (up to the 1 MiB request limit) never reaches the audit.
/// Other texts keep letters, digits and <c>. _ : @ / - +</c> and show every other character as <c>\uXXXX</c>.
/// </summary>
public static class AuditValues
{
    /// <summary>Stands for a target that was not well formed.</summary>
    public const string Invalid = "(invalid)";

    /// <summary>The role recorded for a caller without credentials.</summary>
    public const string AnonymousRole = "anonymous";

    /// <summary>The role recorded for a caller whose token was refused (expired, wrongly signed, foreign audience).</summary>
    public const string InvalidTokenRole = "invalid-token";

    public const int MaxRoleLength = 32;
    public const int MaxSubjectLength = 64;
    public const int MaxUnitLength = 64;
    public const int MaxMethodLength = 128;
    /// <summary>A payment request id is a receipt code (up to 64) and "/n".</summary>
    public const int MaxTargetLength = 80;

    /// <summary>The field that names a webhook subscription (its requests' <c>id</c>), recorded as the target of the call.</summary>
    public const string SubscriptionTargetField = "id";
    public const int MaxOutcomeLength = 32;
    public const int MaxReasonLength = 64;
    public const int MaxBasisLength = 32;

    private const string Truncated = "...";

    /// <summary>The target if it is a well-formed value of its field, <see cref="Invalid"/> if not, empty if none.</summary>
    /// <param name="dossier">The receipt code of the dossier the target belongs to; empty for an agency or an invalid target.</param>
    public static string Target(string field, string? value, out string dossier)
    {
        dossier = "";
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (value.Length > MaxTargetLength)
        {
            return Invalid;
        }

        switch (field)
        {
            case "receipt_code" when ReceiptCode.IsValid(value):
                dossier = value;
                return value;
            case "payment_request_id" when PaymentRequest.TryParseId(value, out var code, out _) && ReceiptCode.IsValid(code):
                dossier = code;
                return value;
            case "tracking_number" when Shipment.TryParseTrackingNumber(value, out var code, out _) && ReceiptCode.IsValid(code):
                dossier = code;
                return value;
            case "agency_code":
                return Unit(value);
            case SubscriptionTargetField when SubscriptionId.IsValid(value):
                return value;
            default:
                return Invalid;
        }
    }

    /// <summary>A unit code, <see cref="Invalid"/> if malformed, empty if none.</summary>
    public static string Unit(string? value) =>
        string.IsNullOrEmpty(value) ? ""
        : value.Length <= MaxUnitLength && ReceiptCode.UnitCodePattern().IsMatch(value) ? value
        : Invalid;

    /// <summary>The role as recorded: <see cref="AnonymousRole"/> for none.</summary>
    public static string Role(string? role) => string.IsNullOrEmpty(role) ? AnonymousRole : Escape(role, MaxRoleLength);

    /// <summary>Letters, digits and <c>. _ : @ / - +</c> as they are; any other character as <c>\uXXXX</c>; at most <paramref name="max"/> characters, ending in "..." when cut.</summary>
    public static string Escape(string? value, int max)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        var clean = true;
        for (var i = 0; i < value.Length && i <= max; i++)
        {
            clean &= Plain(value[i]);
        }

        if (clean && value.Length <= max)
        {
            return value;
        }

        var text = new StringBuilder(max);
        var pieceStarts = new Stack<int>();
        foreach (var c in value)
        {
            var piece = Plain(c) ? 1 : 6;
            if (text.Length + piece > max)
            {
                // Cut whole pieces (never half an escape) until the marker fits.
                while (text.Length > max - Truncated.Length && pieceStarts.Count > 0)
                {
                    text.Length = pieceStarts.Pop();
                }

                return text.Append(Truncated).ToString();
            }

            pieceStarts.Push(text.Length);
            if (piece == 1)
            {
                text.Append(c);
            }
            else
            {
                text.Append("\\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }

    /// <summary>UTC, cut to the microsecond: what both databases store, so a page token's time matches its row.</summary>
    public static DateTimeOffset Time(DateTimeOffset at) => new(at.UtcTicks - at.UtcTicks % 10, TimeSpan.Zero);

    /// <summary>Microseconds since 1970, the time in page tokens and in SQLite.</summary>
    public static long ToUnixMicroseconds(DateTimeOffset at) => (at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    public static DateTimeOffset FromUnixMicroseconds(long microseconds) => new(DateTimeOffset.UnixEpoch.UtcTicks + microseconds * 10, TimeSpan.Zero);

    private static bool Plain(char c) => char.IsLetterOrDigit(c) || c is '.' or '_' or ':' or '@' or '/' or '-' or '+';
}
