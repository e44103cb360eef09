using System.Globalization;
using System.Net.Http.Headers;
using DossierTracking.Contracts.Feed;
using DossierTracking.Contracts.Webhooks;

namespace DossierTracking.Silo.Webhooks;

/// <summary>
/// POSTs one change to one endpoint as a signed CloudEvent. Any 2xx answer is an acceptance; any other answer, a
/// redirect included (a delivery is never sent on to an address the subscription did not name), a timeout or a refused
/// connection is a failure the subscription retries. The endpoint's answer body is not read.
/// </summary>
public sealed class WebhookSender(IHttpClientFactory clients, WebhookEvents events, TimeProvider time) : IWebhookSender
{
    public const string ClientName = "webhooks";

    public async Task<DeliveryOutcome> SendAsync(WebhookTarget target, FeedChange change, CancellationToken cancellationToken)
    {
        var (body, contentType) = events.Encode(change);
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, target.Endpoint)
        {
            Content = new ReadOnlyMemoryContent(body),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType.ToString());
        request.Headers.Add(WebhookSignature.IdHeader, WebhookEvents.EventId(change));
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Compute(target.Secret, timestamp, body.Span));
        var client = clients.CreateClient(ClientName);
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return response.IsSuccessStatusCode
                ? DeliveryOutcome.Accepted
                : DeliveryOutcome.Failed($"HTTP {(int)response.StatusCode} {Printable(response.ReasonPhrase)}".TrimEnd());
        }
        catch (HttpRequestException e)
        {
            return DeliveryOutcome.Failed($"request failed ({e.HttpRequestError})");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return DeliveryOutcome.Failed($"no answer within {client.Timeout.TotalSeconds:0.#} s");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Anything else (a refused destination, a handler's fault) is a failed attempt too: counted, retried,
            // and dead-lettered in the end, never a round that throws on the same change forever.
            return DeliveryOutcome.Failed($"request failed ({e.GetType().Name})");
        }
    }

    /// <summary>The partner's reason phrase, kept in dead letters and logs: short, without control characters.</summary>
    private static string Printable(string? text) =>
        new string((text ?? "").Where(c => !char.IsControl(c)).Take(100).ToArray());
}
