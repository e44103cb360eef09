using System.Collections.Immutable;

namespace DossierTracking.Contracts.Webhooks;

/// <summary>A subscription as administrators see it: its definition and how far delivery has gone. Never the secret.</summary>
[GenerateSerializer, Immutable, Alias("dvc.SubscriptionView")]
public sealed record SubscriptionView
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string Name { get; init; }
    [Id(2)] public required string Endpoint { get; init; }
    [Id(3)] public required SubscriptionFilter Filter { get; init; }
    [Id(4)] public required DateTimeOffset CreatedAt { get; init; }
    [Id(5)] public required string CreatedBy { get; init; }
    [Id(6)] public required bool Paused { get; init; }
    /// <summary>Every change at or before this feed position has been delivered, skipped by the filter, or dead-lettered.</summary>
    [Id(7)] public required long DeliveredThrough { get; init; }
    [Id(8)] public DateTimeOffset? LastDeliveredAt { get; init; }
    /// <summary>Failed attempts at the change now being delivered (0 when delivery is not failing).</summary>
    [Id(9)] public int FailingAttempts { get; init; }
    [Id(10)] public string LastError { get; init; } = "";
    [Id(11)] public int DeadLetterCount { get; init; }
    [Id(12)] public ImmutableArray<DeadLetter> RecentDeadLetters { get; init; } = [];
}
