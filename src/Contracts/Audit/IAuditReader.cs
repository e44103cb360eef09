namespace DossierTracking.Contracts.Audit;

/// <summary>Reads the stored audit.</summary>
public interface IAuditReader
{
    /// <summary>The entries that concerned one dossier, newest first, strictly before <paramref name="before"/> when given.</summary>
    Task<IReadOnlyList<AuditEntry>> ListForDossierAsync(string receiptCode, AuditPosition? before, int limit, CancellationToken cancellationToken = default);
}
