namespace DossierTracking.Contracts.Audit;

/// <summary>A place in a dossier's audit, newest first: entries strictly before (older than) it come next.</summary>
public readonly record struct AuditPosition(DateTimeOffset At, Guid Id);
