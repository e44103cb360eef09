namespace DossierTracking.Grains.Storage;

/// <summary>
/// Names of grain storage providers and grain state names. The ADO.NET provider keys rows by (service id, state name,
/// grain key) and ignores the grain type, so every grain type has a state name of its own.
/// </summary>
public static class StorageNames
{
    /// <summary>The storage provider that holds dossiers and their supporting grains.</summary>
    public const string Dossiers = "dossiers";

    public const string DossierState = "dossier";
    public const string SubmissionState = "submission";
    public const string ReceiptSequenceState = "receipt-sequence";
    public const string EReceiptSeriesState = "ereceipt-series";
    /// <summary>Wrong guesses of a dossier's second factor: beside the dossier's row, so a guess is no change of the dossier (nor of the change feed).</summary>
    public const string LookupGuardState = "lookup-guard";
    public const string SubscriptionState = "webhook-subscription";
    public const string SubscriptionRegistryState = "webhook-registry";
    /// <summary>The change stream's delivered position, one row per queue.</summary>
    public const string FeedStreamCheckpointState = "feed-stream-checkpoint";
}
