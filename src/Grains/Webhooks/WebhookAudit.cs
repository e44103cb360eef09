using DossierTracking.Contracts.Audit;

namespace DossierTracking.Grains.Webhooks;

/// <summary>
/// Deliveries in the audit trail: a webhook hands a dossier's changes to a third party, as a feed read does, so a
/// person asking who received their dossier's data (Decree 13) finds each subscription that did. One entry per round
/// names the subscription and links the dossiers whose changes it delivered.
/// </summary>
public static class WebhookAudit
{
    /// <summary>The method recorded for deliveries (no RPC: the silo calls out).</summary>
    public const string Method = "webhook:deliver";

    /// <summary>The role recorded for deliveries; the subject is the subscription's id.</summary>
    public const string Role = "webhook";

    /// <summary>Records the changes a round delivered; nothing when it delivered none.</summary>
    public static void Delivered(IAuditSink sink, string subscriptionId, IReadOnlyCollection<string> receiptCodes, DateTimeOffset at)
    {
        if (receiptCodes.Count == 0)
        {
            return;
        }

        // Up to AuditEntry.MaxDossiers dossiers per entry; a longer round is split so none goes unrecorded.
        foreach (var chunk in receiptCodes.Chunk(AuditEntry.MaxDossiers))
        {
            sink.TryAppend(AuditEntry.Create(at, Role, subscriptionId, "", Method, AuditValues.SubscriptionTargetField, subscriptionId,
                "OK", "", "subscription", chunk));
        }
    }
}
