namespace DossierTracking.Contracts.Payments;

/// <summary>The latest report recorded for one intermediary transaction.</summary>
[GenerateSerializer, Immutable, Alias("dvc.PaymentTransaction")]
public sealed record PaymentTransaction
{
    [Id(0)] public required string TransactionId { get; init; }
    [Id(1)] public required TransactionStatus Status { get; init; }
    /// <summary>Whole đồng.</summary>
    [Id(2)] public required long Amount { get; init; }
    /// <summary>When it happened at the intermediary (as reported).</summary>
    [Id(3)] public required DateTimeOffset OccurredAt { get; init; }
    /// <summary>When this system recorded the report.</summary>
    [Id(4)] public required DateTimeOffset RecordedAt { get; init; }
    [Id(5)] public required string Intermediary { get; init; }
}
