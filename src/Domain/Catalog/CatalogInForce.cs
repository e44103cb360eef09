using DossierTracking.Contracts.Catalog;

namespace DossierTracking.Domain.Catalog;

/// <summary>
/// The catalogue in force on this silo: an immutable, validated <see cref="ReferenceCatalog"/> behind a volatile
/// reference. Every lookup reads the reference without a lock; a newly published version is swapped in whole. A caller
/// that needs several answers from one version (a list and its version label) takes <see cref="Current"/> once.
/// </summary>
public sealed class CatalogInForce(ReferenceCatalog initial) : ICatalog
{
    private ReferenceCatalog _current = initial ?? throw new ArgumentNullException(nameof(initial));

    public ReferenceCatalog Current => Volatile.Read(ref _current);

    public string Version => Current.Version;

    public IReadOnlyList<ProcedureInfo> Procedures => Current.Procedures;

    public IReadOnlyList<AgencyInfo> Agencies => Current.Agencies;

    public ProcedureInfo? FindProcedure(string code) => Current.FindProcedure(code);

    public AgencyInfo? FindAgency(string code) => Current.FindAgency(code);

    /// <summary>Puts <paramref name="next"/> in force for every lookup after this call.</summary>
    public void Replace(ReferenceCatalog next)
    {
        ArgumentNullException.ThrowIfNull(next);
        Volatile.Write(ref _current, next);
    }
}
