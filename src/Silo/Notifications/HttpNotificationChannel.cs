using System.Net.Http.Json;
using System.Text.Json.Serialization;
using DossierTracking.Contracts.Notifications;
using DossierTracking.Grains.Notifications;

namespace DossierTracking.Silo.Notifications;

/// <summary>
/// Sends a message to an HTTP gateway in the style of an SMS brandname or Zalo OA API: a JSON POST to the configured
/// URL with the API key in a header, the message id as the idempotency key (in the body and the Idempotency-Key
/// header), so a gateway that got a message whose answer was lost drops the repeat. Any 2xx is accepted; anything else,
/// or no answer, is a failed attempt. Neither the key nor the message is logged.
/// </summary>
public sealed class HttpNotificationChannel(IHttpClientFactory clients, NotificationHttpOptions options) : INotificationChannel
{
    public const string ClientName = "notifications";

    public async Task<string?> SendAsync(NotificationMessage message, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, options.Url)
        {
            Content = JsonContent.Create(new GatewayMessage(message.Id, Channel(message.Channel), message.Recipient, message.Text, message.ReceiptCode, message.Kind.ToString())),
        };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", message.Id);
        if (options.ApiKey.Length > 0)
        {
            request.Headers.TryAddWithoutValidation(options.ApiKeyHeader, options.ApiKey);
        }

        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, cancellationToken);
            return response.IsSuccessStatusCode ? null : $"the gateway answered {(int)response.StatusCode}";
        }
        catch (HttpRequestException e)
        {
            return $"the gateway could not be reached ({e.HttpRequestError})";
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return "the gateway did not answer in time";
        }
    }

    private static string Channel(NotificationChannelKind channel) => channel == NotificationChannelKind.Email ? "email" : "sms";

    /// <summary>The gateway's JSON body (README, Notifications).</summary>
    private sealed record GatewayMessage(
        [property: JsonPropertyName("message_id")] string MessageId,
        [property: JsonPropertyName("channel")] string Channel,
        [property: JsonPropertyName("recipient")] string Recipient,
        [property: JsonPropertyName("text")] string Text,
        [property: JsonPropertyName("receipt_code")] string ReceiptCode,
        [property: JsonPropertyName("kind")] string Kind);
}
