using DossierTracking.Contracts.Feed;

namespace DossierTracking.Contracts.Webhooks;

/// <summary>Sends one committed change to one endpoint, signed; never throws for what the endpoint or the network does.</summary>
public interface IWebhookSender
{
    Task<DeliveryOutcome> SendAsync(WebhookTarget target, FeedChange change, CancellationToken cancellationToken);
}
