namespace DossierTracking.Contracts.Payments;

/// <summary>What an intermediary reports about one of its transactions.</summary>
[GenerateSerializer, Alias("dvc.TransactionStatus")]
public enum TransactionStatus
{
    Unspecified = 0,
    Initiated = 1,
    Succeeded = 2,
    Failed = 3,
    /// <summary>A refund of the request's payment, reported as a transaction of its own.</summary>
    Refunded = 4,
}
