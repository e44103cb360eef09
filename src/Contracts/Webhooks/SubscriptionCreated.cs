namespace DossierTracking.Contracts.Webhooks;

/// <summary>A new subscription and the secret its deliveries are signed with, given this once only.</summary>
[GenerateSerializer, Immutable, Alias("dvc.SubscriptionCreated")]
public sealed record SubscriptionCreated
{
    [Id(0)] public required SubscriptionView Subscription { get; init; }
    [Id(1)] public required string Secret { get; init; }
}
