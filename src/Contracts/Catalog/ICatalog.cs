namespace DossierTracking.Contracts.Catalog;

/// <summary>
/// Reference data (procedures, agencies, desks): the published catalogue version in force on this silo (README,
/// "Reference data"). Read-only and in memory on every silo, so the hot paths never make a call to look it up; a newer
/// version is swapped in whole, and each member answers from the version in force when it is called.
/// </summary>
public interface ICatalog
{
    /// <summary>The version label inside the catalogue file (its <c>version</c> member), not the published version number.</summary>
    string Version { get; }

    /// <summary>The province whose catalogue this is: the code every one of its units extends (<see cref="ProvinceCodes"/>).</summary>
    string Province { get; }

    /// <summary>All procedures, ordered by code.</summary>
    IReadOnlyList<ProcedureInfo> Procedures { get; }

    /// <summary>All agencies and desks, ordered by code.</summary>
    IReadOnlyList<AgencyInfo> Agencies { get; }

    ProcedureInfo? FindProcedure(string code);

    AgencyInfo? FindAgency(string code);
}
