using System.Collections.Frozen;
using System.Text;
using DossierTracking.Contracts.Catalog;

namespace DossierTracking.Domain.Catalog;

/// <summary>
/// The in-memory catalogue. Validates the data file on load (unique codes, parents and owners that exist,
/// sane limits, fees and papers) so that a broken file stops the silo at start-up instead of failing requests later.
/// </summary>
public sealed class ReferenceCatalog : ICatalog
{
    private readonly FrozenDictionary<string, ProcedureInfo> _procedures;
    private readonly FrozenDictionary<string, AgencyInfo> _agencies;

    public ReferenceCatalog(CatalogFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var problems = Validate(file);
        if (problems.Count > 0)
        {
            throw new InvalidDataException($"The catalogue {file.Version} is invalid: {string.Join("; ", problems.Take(10))}");
        }

        Version = file.Version;
        Procedures = [.. file.Procedures.Select(Normalize).OrderBy(p => p.Code, StringComparer.Ordinal)];
        Agencies = [.. file.Agencies.Select(Normalize).OrderBy(a => a.Code, StringComparer.Ordinal)];
        _procedures = Procedures.ToFrozenDictionary(p => p.Code, StringComparer.Ordinal);
        _agencies = Agencies.ToFrozenDictionary(a => a.Code, StringComparer.Ordinal);
    }

    public string Version { get; }

    public IReadOnlyList<ProcedureInfo> Procedures { get; }

    public IReadOnlyList<AgencyInfo> Agencies { get; }

    public static ReferenceCatalog LoadEmbedded() => new(CatalogFile.LoadEmbedded());

    public ProcedureInfo? FindProcedure(string code) => _procedures.GetValueOrDefault(code);

    public AgencyInfo? FindAgency(string code) => _agencies.GetValueOrDefault(code);

    private static List<string> Validate(CatalogFile file)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(file.Version))
        {
            problems.Add("version is missing");
        }

        var agencies = new Dictionary<string, AgencyInfo>(StringComparer.Ordinal);
        foreach (var agency in file.Agencies)
        {
            if (!agencies.TryAdd(agency.Code, agency))
            {
                problems.Add($"agency {agency.Code} appears twice");
            }
        }

        foreach (var agency in file.Agencies)
        {
            if (agency.ParentCode is { } parent && !agencies.ContainsKey(parent))
            {
                problems.Add($"agency {agency.Code} has unknown parent {parent}");
            }

            if (agency.Level == AgencyLevel.Unspecified || agency.Kind == AgencyKind.Unspecified)
            {
                problems.Add($"agency {agency.Code} lacks a level or kind");
            }
        }

        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var procedure in file.Procedures)
        {
            if (!codes.Add(procedure.Code))
            {
                problems.Add($"procedure {procedure.Code} appears twice");
            }

            if (procedure.AgencyLevel == AgencyLevel.Province
                && (procedure.AgencyCode is null || !agencies.TryGetValue(procedure.AgencyCode, out var owner)
                    || owner.Kind is not (AgencyKind.Department or AgencyKind.CentralAgency)))
            {
                problems.Add($"procedure {procedure.Code} needs an owning department or central agency");
            }

            if (procedure.AgencyLevel is AgencyLevel.District or AgencyLevel.Commune && procedure.AgencyCode is not null)
            {
                problems.Add($"procedure {procedure.Code} is decided by each locality and must not name an agency");
            }

            if (procedure.Limit is null || procedure.Limit.Value < 0 || procedure.OnlineLimit is { Value: < 0 })
            {
                problems.Add($"procedure {procedure.Code} has no valid time limit");
            }

            if (procedure.ServiceLevel is < 1 or > 4)
            {
                problems.Add($"procedure {procedure.Code} has service level {procedure.ServiceLevel}");
            }

            if (procedure.Fees.Any(f => f.Amount < 0))
            {
                problems.Add($"procedure {procedure.Code} has a negative fee");
            }

            problems.AddRange(ComponentRules.Problems(procedure));
        }

        return problems;
    }

    private static ProcedureInfo Normalize(ProcedureInfo procedure) => procedure with
    {
        Name = procedure.Name.Normalize(NormalizationForm.FormC),
        Field = procedure.Field.Normalize(NormalizationForm.FormC),
        Components = [.. procedure.Components.Select(c => c with
        {
            Name = c.Name.Normalize(NormalizationForm.FormC),
            Note = c.Note.Normalize(NormalizationForm.FormC),
        })],
    };

    private static AgencyInfo Normalize(AgencyInfo agency) => agency with
    {
        Name = agency.Name.Normalize(NormalizationForm.FormC),
    };
}
