namespace DossierTracking.Contracts.Postal;

/// <summary>What a postal report did. Every outcome is a success for the post: it need not resend.</summary>
[GenerateSerializer, Alias("dvc.PostalOutcome")]
public enum PostalOutcome
{
    Unspecified = 0,
    /// <summary>The shipment moved (and the dossier with it, for Delivered and ReturnedToSender).</summary>
    Applied = 1,
    /// <summary>The same event id was already applied: nothing changed.</summary>
    Duplicate = 2,
    /// <summary>The event would move the shipment backwards (earlier stage, older than the current status, or after delivery or return): nothing changed.</summary>
    Stale = 3,
}
