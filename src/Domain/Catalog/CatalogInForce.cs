using DossierTracking.Contracts.Catalog;

namespace DossierTracking.Domain.Catalog;

/// <summary>
/// One province's catalogue in force on this silo: an immutable, validated <see cref="ReferenceCatalog"/> behind a
/// volatile reference. Every lookup reads the reference without a lock; a newly published version is swapped in whole. A
/// caller that needs several answers from one version (a list and its version label) takes <see cref="Current"/> once.
/// </summary>
public sealed class CatalogInForce(ReferenceCatalog? initial) : ICatalog
{
    private ReferenceCatalog? _current = initial;

    /// <summary>Whether a version has been put in force (a served province's catalogue is loaded at start).</summary>
    public bool IsLoaded => Volatile.Read(ref _current) is not null;

    public ReferenceCatalog Current => Volatile.Read(ref _current) ?? throw new InvalidOperationException("No catalogue has been loaded for this province yet.");

    public string Version => Current.Version;

    public string Province => Current.Province;

    public IReadOnlyList<ProcedureInfo> Procedures => Current.Procedures;

    public IReadOnlyList<AgencyInfo> Agencies => Current.Agencies;

    public ProcedureInfo? FindProcedure(string code) => Current.FindProcedure(code);

    public AgencyInfo? FindAgency(string code) => Current.FindAgency(code);

    /// <summary>Puts <paramref name="next"/> in force for every lookup after this call; it must be the same province's.</summary>
    public void Replace(ReferenceCatalog next)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (Volatile.Read(ref _current) is { } current && current.Province != next.Province)
        {
            throw new ArgumentException($"A catalogue of province {next.Province} cannot replace one of province {current.Province}.", nameof(next));
        }

        Volatile.Write(ref _current, next);
    }
}
