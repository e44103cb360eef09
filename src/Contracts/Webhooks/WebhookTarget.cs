namespace DossierTracking.Contracts.Webhooks;

/// <summary>Where and how a change is delivered: the subscription's endpoint and the secret its deliveries are signed with.</summary>
public sealed record WebhookTarget(string SubscriptionId, string Endpoint, string Secret);
