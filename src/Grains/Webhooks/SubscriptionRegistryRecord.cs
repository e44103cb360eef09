using System.Collections.Immutable;

namespace DossierTracking.Grains.Webhooks;

/// <summary>The stored list of subscription ids, in order.</summary>
[GenerateSerializer, Alias("dvc.SubscriptionRegistryRecord")]
public sealed record SubscriptionRegistryRecord
{
    [Id(0)] public ImmutableArray<string> Ids { get; init; } = [];
}
