namespace DossierTracking.Contracts.Catalog;

/// <summary>
/// The provinces this deployment serves, each with its own catalogue in force (procedures, agencies, desks). A silo
/// serves one province or several; which ones is configuration (<c>Provinces:Served</c>), and each province's catalogue
/// is data, published per province. Agency codes are national (each extends its province's code), so an agency is
/// found without naming its province; a procedure is always looked up in one province's catalogue, since every province
/// sets its own limits and fees for the same national procedure code.
/// </summary>
public interface IProvinces
{
    /// <summary>The province codes served, in configured order; the first is the default of single-province callers.</summary>
    IReadOnlyList<string> Codes { get; }

    /// <summary>The catalogue in force for <paramref name="province"/>; null when this deployment does not serve it.</summary>
    ICatalog? Catalog(string province);

    /// <summary>Whether <paramref name="province"/> is served here.</summary>
    bool Serves(string province) => Catalog(province) is not null;

    /// <summary>The catalogue of the province a unit code or receipt code belongs to; null when that province is not served.</summary>
    ICatalog? CatalogOf(string unitOrReceiptCode) => Catalog(ProvinceCodes.Of(unitOrReceiptCode));

    /// <summary>An agency or desk of any served province, by its national code.</summary>
    AgencyInfo? FindAgency(string code) => CatalogOf(code)?.FindAgency(code);

    /// <summary>A procedure as the province of <paramref name="unitOrReceiptCode"/> offers it.</summary>
    ProcedureInfo? FindProcedure(string unitOrReceiptCode, string procedureCode) => CatalogOf(unitOrReceiptCode)?.FindProcedure(procedureCode);

    /// <summary>Every agency and desk of every served province.</summary>
    IEnumerable<AgencyInfo> AllAgencies => Codes.SelectMany(code => Catalog(code)?.Agencies ?? []);
}
