using DossierTracking.Contracts.Dossiers;

namespace DossierTracking.Contracts.Webhooks;

/// <summary>A subscription grain's answer: the subscription (null when there is none), or why the request was refused.</summary>
[GenerateSerializer, Immutable, Alias("dvc.SubscriptionReply")]
public sealed record SubscriptionReply
{
    [Id(0)] public SubscriptionView? Subscription { get; init; }
    /// <summary>The signing secret: set only in the answer that created the subscription.</summary>
    [Id(1)] public string? Secret { get; init; }
    [Id(2)] public Failure? Failure { get; init; }

    public static SubscriptionReply None { get; } = new();
}
