using System.Collections.Immutable;
using DossierTracking.Contracts.Webhooks;

namespace DossierTracking.Grains.Webhooks;

/// <summary>A subscription's stored state: its definition, its secret, and its cursor in the change feed.</summary>
[GenerateSerializer, Alias("dvc.SubscriptionRecord")]
public sealed record SubscriptionRecord
{
    [Id(0)] public required string Name { get; init; }
    [Id(1)] public required string Endpoint { get; init; }
    [Id(2)] public required SubscriptionFilter Filter { get; init; }
    [Id(3)] public required string Secret { get; init; }
    [Id(4)] public required DateTimeOffset CreatedAt { get; init; }
    [Id(5)] public required string CreatedBy { get; init; }
    [Id(6)] public bool Paused { get; init; }
    /// <summary>Every change at or before this position is done with (delivered, filtered out or dead-lettered).</summary>
    [Id(7)] public long Cursor { get; init; }
    [Id(8)] public DateTimeOffset? LastDeliveredAt { get; init; }
    [Id(9)] public int DeadLetterCount { get; init; }
    /// <summary>The newest dead letters, at most <see cref="SubscriptionGrain.KeptDeadLetters"/>.</summary>
    [Id(10)] public ImmutableArray<DeadLetter> DeadLetters { get; init; } = [];
}
