namespace DossierTracking.Contracts.Payments;

/// <summary>A transaction report from a payment intermediary, for one payment request of the dossier.</summary>
[GenerateSerializer, Immutable, Alias("dvc.PaymentReport")]
public sealed record PaymentReport
{
    [Id(0)] public required int RequestNumber { get; init; }
    [Id(1)] public required string TransactionId { get; init; }
    /// <summary>Whole đồng, positive.</summary>
    [Id(2)] public required long Amount { get; init; }
    [Id(3)] public required TransactionStatus Status { get; init; }
    [Id(4)] public required DateTimeOffset OccurredAt { get; init; }
    /// <summary>The intermediary's code (recorded with the transaction and as the actor).</summary>
    [Id(5)] public required string Intermediary { get; init; }
}
