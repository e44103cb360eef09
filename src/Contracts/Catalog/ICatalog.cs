namespace DossierTracking.Contracts.Catalog;

/// <summary>
/// Reference data (procedures, agencies, desks), loaded once per silo from the versioned catalogue file.
/// Read-only and in memory on every silo, so the hot paths never make a call to look it up.
/// </summary>
public interface ICatalog
{
    /// <summary>The version of the catalogue data file.</summary>
    string Version { get; }

    /// <summary>All procedures, ordered by code.</summary>
    IReadOnlyList<ProcedureInfo> Procedures { get; }

    /// <summary>All agencies and desks, ordered by code.</summary>
    IReadOnlyList<AgencyInfo> Agencies { get; }

    ProcedureInfo? FindProcedure(string code);

    AgencyInfo? FindAgency(string code);
}
