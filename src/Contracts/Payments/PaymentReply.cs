using DossierTracking.Contracts.Dossiers;

namespace DossierTracking.Contracts.Payments;

/// <summary>The answer to a transaction report: the request as it stands (after the report is durable), or the refusal.</summary>
[GenerateSerializer, Immutable, Alias("dvc.PaymentReply")]
public sealed record PaymentReply
{
    [Id(0)] public Failure? Failure { get; init; }
    [Id(1)] public PaymentOutcome Outcome { get; init; }
    /// <summary>Why, in words (for Recorded, Duplicate and Stale).</summary>
    [Id(2)] public string Message { get; init; } = "";
    [Id(3)] public PaymentRequest? Request { get; init; }
    [Id(4)] public DossierState DossierState { get; init; }
    [Id(5)] public long DossierVersion { get; init; }
}
