namespace DossierTracking.Contracts.Payments;

/// <summary>What a transaction report did. Every outcome is a success for the intermediary: it need not resend.</summary>
[GenerateSerializer, Alias("dvc.PaymentOutcome")]
public enum PaymentOutcome
{
    Unspecified = 0,
    /// <summary>The request moved (to Pending, Paid, Unpaid again or Refunded).</summary>
    Applied = 1,
    /// <summary>The transaction was recorded without moving the request (a failed attempt, or money received for a request that is already closed: it must be refunded).</summary>
    Recorded = 2,
    /// <summary>The same report was already recorded: nothing changed.</summary>
    Duplicate = 3,
    /// <summary>A late report that would move the request backwards: nothing changed.</summary>
    Stale = 4,
}
