using System.Security.Cryptography;
using System.Text;
using DossierTracking.GrpcApi.V1;
using DossierTracking.IntegrationTests.Infrastructure;

namespace DossierTracking.IntegrationTests.Webhooks;

/// <summary>Settings that make delivery quick to observe, and the checks a partner's receiver would make.</summary>
public static class WebhookSupport
{
    public static Dictionary<string, string?> FastDelivery(int maxAttempts = 100) => new()
    {
        ["Webhooks:PollInterval"] = "00:00:00.100",
        ["Webhooks:WakeInterval"] = "00:00:01",
        ["Webhooks:FirstRetryDelay"] = "00:00:00.050",
        ["Webhooks:MaxRetryDelay"] = "00:00:00.400",
        ["Webhooks:MaxAttempts"] = maxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Webhooks:Source"] = "urn:dvc:quang-ninh",
        // The test's receiver listens on loopback.
        ["Webhooks:AllowPrivateNetworks"] = "true",
    };

    public static SubscriptionService.SubscriptionServiceClient Subscriptions(TestHost host) => new(host.Invoker);

    public static async Task<CreateSubscriptionReply> SubscribeAsync(TestHost host, WebhookReceiver receiver, SubscriptionFilter? filter = null, string name = "Cổng DVC tỉnh")
    {
        var request = new CreateSubscriptionRequest { Name = name, Endpoint = receiver.Url, Filter = filter ?? new SubscriptionFilter() };
        return await Subscriptions(host).CreateSubscriptionAsync(request);
    }

    /// <summary>What a receiver checks: the signature over "{timestamp}.{body}" with the secret it was given, computed here independently of the service.</summary>
    public static bool SignedWith(WebhookReceiver.Received delivery, string secret)
    {
        var signed = Encoding.UTF8.GetBytes(delivery.Timestamp + ".").Concat(delivery.Body).ToArray();
        var expected = "v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(delivery.Signature));
    }

    /// <summary>The event ids of each dossier, in the order they were accepted.</summary>
    public static Dictionary<string, List<long>> VersionsByDossier(IEnumerable<WebhookReceiver.Received> deliveries) =>
        deliveries.GroupBy(d => d.Subject).ToDictionary(g => g.Key, g => g.Select(d => long.Parse(d.Id.Split('/')[1], System.Globalization.CultureInfo.InvariantCulture)).ToList());
}
