using System.Text;
using System.Text.Json;

namespace DossierTracking.LoadTests.Import;

/// <summary>
/// What the benchmark needs to know of a line without parsing it whole: whether it is an online dossier that arrived
/// in 2020, which the silo's 2020 report must count. The receipt code's date is the local date of the first history
/// entry (docs/import.md), so its year is the year the dossier arrived.
/// </summary>
public static class ImportLineScan
{
    private static readonly byte[] ChannelName = "channel"u8.ToArray();
    private static readonly byte[] ReceiptCodeName = "receipt_code"u8.ToArray();

    public static bool IsOnlineIn(string line, int year)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(line));
        string? channel = null;
        string? receiptCode = null;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isChannel = reader.ValueTextEquals(ChannelName);
                var isCode = reader.ValueTextEquals(ReceiptCodeName);
                reader.Read();
                if (isChannel && reader.TokenType == JsonTokenType.String)
                {
                    channel = reader.GetString();
                }
                else if (isCode && reader.TokenType == JsonTokenType.String)
                {
                    receiptCode = reader.GetString();
                }
                else
                {
                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            return false;
        }

        // desk-yyMMdd-seq: the date is the second part from the right.
        var parts = receiptCode?.Split('-');
        return string.Equals(channel, "ONLINE", StringComparison.OrdinalIgnoreCase)
            && parts is { Length: >= 3 } && parts[^2].Length == 6 && parts[^2].StartsWith((year % 100).ToString("D2", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }
}
