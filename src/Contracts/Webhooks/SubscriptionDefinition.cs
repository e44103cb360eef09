namespace DossierTracking.Contracts.Webhooks;

/// <summary>What an administrator asks for when registering a subscription.</summary>
[GenerateSerializer, Immutable, Alias("dvc.SubscriptionDefinition")]
public sealed record SubscriptionDefinition
{
    /// <summary>Who receives it (the partner's name, for people reading the list).</summary>
    [Id(0)] public required string Name { get; init; }
    /// <summary>The absolute URL changes are POSTed to.</summary>
    [Id(1)] public required string Endpoint { get; init; }
    [Id(2)] public required SubscriptionFilter Filter { get; init; }
    /// <summary>The feed position to start after: 0 sends every change from the start of the feed; null starts at the newest change.</summary>
    [Id(3)] public long? StartAfterPosition { get; init; }
}
