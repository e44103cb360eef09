namespace DossierTracking.Contracts.Duties;

/// <summary>A read-model row the duty sweep asks about: the dossier, the row's version and its due-index time.</summary>
public sealed record DutyCandidate(string ReceiptCode, long Version, DateTimeOffset? DutyAt);
