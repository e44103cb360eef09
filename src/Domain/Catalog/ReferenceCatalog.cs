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
    /// <summary>The longest time limit a procedure may set: far above any real one, short enough that due dates stay computable.</summary>
    public const int MaxWorkingDays = 365;

    public const int MaxCalendarDays = 730;

    public const int MaxProcedureCodeLength = 32;

    private static int MaxLimit(LimitUnit unit) => unit == LimitUnit.CalendarDays ? MaxCalendarDays : MaxWorkingDays;

    private readonly FrozenDictionary<string, ProcedureInfo> _procedures;
    private readonly FrozenDictionary<string, AgencyInfo> _agencies;

    public ReferenceCatalog(CatalogFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var problems = Problems(file);
        if (problems.Count > 0)
        {
            throw new InvalidDataException($"The catalogue {file.Version} is invalid: {string.Join("; ", problems.Take(10))}");
        }

        Version = file.Version;
        Province = ProvinceCodes.Of(file.Agencies[0].Code);
        Procedures = [.. file.Procedures.Select(Normalize).OrderBy(p => p.Code, StringComparer.Ordinal)];
        Agencies = [.. file.Agencies.Select(Normalize).OrderBy(a => a.Code, StringComparer.Ordinal)];
        _procedures = Procedures.ToFrozenDictionary(p => p.Code, StringComparer.Ordinal);
        _agencies = Agencies.ToFrozenDictionary(a => a.Code, StringComparer.Ordinal);
    }

    public string Version { get; }

    public string Province { get; }

    public IReadOnlyList<ProcedureInfo> Procedures { get; }

    public IReadOnlyList<AgencyInfo> Agencies { get; }

    public static ReferenceCatalog LoadEmbedded() => new(CatalogFile.LoadEmbedded());

    public ProcedureInfo? FindProcedure(string code) => _procedures.GetValueOrDefault(code);

    public AgencyInfo? FindAgency(string code) => _agencies.GetValueOrDefault(code);

    /// <summary>
    /// The problems of a catalogue file, each naming the agency or procedure (and paper); empty when it may be put in
    /// force. The shipped seed at start-up and every published version get these same checks.
    /// </summary>
    public static IReadOnlyList<string> Problems(CatalogFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(file.Version))
        {
            problems.Add("version is missing");
        }

        if (file.Agencies.Any(a => a is null) || file.Procedures.Any(p => p is null))
        {
            problems.Add("agencies or procedures hold a null entry");
            return problems;
        }

        if (file.Agencies.Count == 0 || file.Procedures.Count == 0)
        {
            problems.Add("a catalogue needs at least one agency and one procedure");
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
            if (string.IsNullOrWhiteSpace(agency.Code) || string.IsNullOrWhiteSpace(agency.Name))
            {
                problems.Add($"agency '{agency.Code}' needs a code and a name");
            }
            else if (!Contracts.Dossiers.ReceiptCode.UnitCodePattern().IsMatch(agency.Code))
            {
                // Receipt codes, tokens and lookups name units by this form: a unit outside it could never take a dossier.
                problems.Add($"agency '{agency.Code}' has a code not of the form H49.50 (dot-separated groups of upper-case letters and digits)");
            }

            if (agency.ParentCode is { } parent && !agencies.ContainsKey(parent))
            {
                problems.Add($"agency {agency.Code} has unknown parent {parent}");
            }

            if (agency.ValidFrom is { } from && agency.ValidTo is { } to && to < from)
            {
                problems.Add($"agency {agency.Code} ends (validTo {to:yyyy-MM-dd}) before it starts (validFrom {from:yyyy-MM-dd})");
            }

            if (agency.Level == AgencyLevel.Unspecified || agency.Kind == AgencyKind.Unspecified
                || !Enum.IsDefined(agency.Level) || !Enum.IsDefined(agency.Kind))
            {
                problems.Add($"agency {agency.Code} lacks a level or kind");
            }
        }

        // One catalogue is one province's: its units all extend the province's code, so no dossier can be routed to
        // another province's unit through it.
        var provinces = file.Agencies.Where(a => !string.IsNullOrWhiteSpace(a.Code)).Select(a => ProvinceCodes.Of(a.Code)).Distinct(StringComparer.Ordinal).ToList();
        if (provinces.Count > 1)
        {
            problems.Add($"the agencies belong to more than one province ({string.Join(", ", provinces.Order(StringComparer.Ordinal).Take(5))}): a catalogue is one province's");
        }

        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var procedure in file.Procedures)
        {
            if (!codes.Add(procedure.Code))
            {
                problems.Add($"procedure {procedure.Code} appears twice");
            }

            if (string.IsNullOrWhiteSpace(procedure.Code) || string.IsNullOrWhiteSpace(procedure.Name))
            {
                problems.Add($"procedure '{procedure.Code}' needs a code and a name");
            }

            if (procedure.AgencyLevel == AgencyLevel.Unspecified || !Enum.IsDefined(procedure.AgencyLevel))
            {
                problems.Add($"procedure {procedure.Code} needs a deciding level (Province, District or Commune)");
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

            if (procedure.Code is { Length: > 0 } && (procedure.Code.Length > MaxProcedureCodeLength || !procedure.Code.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-')))
            {
                problems.Add($"procedure '{procedure.Code}' has a code not of letters, digits, '.' and '-' (at most {MaxProcedureCodeLength})");
            }

            if (procedure.Limit is { } bounded && bounded.Value > MaxLimit(bounded.Unit) || procedure.OnlineLimit is { } onlineBounded && onlineBounded.Value > MaxLimit(onlineBounded.Unit))
            {
                problems.Add($"procedure {procedure.Code} has a time limit over {MaxWorkingDays} working days or {MaxCalendarDays} calendar days");
            }

            if (procedure.Limit is null || procedure.Limit.Value < 0 || procedure.OnlineLimit is { Value: < 0 }
                || (procedure.Limit is { } limit && !Enum.IsDefined(limit.Unit)) || (procedure.OnlineLimit is { } online && !Enum.IsDefined(online.Unit)))
            {
                problems.Add($"procedure {procedure.Code} has no valid time limit");
            }

            if (procedure.ServiceLevel is < 1 or > 4)
            {
                problems.Add($"procedure {procedure.Code} has service level {procedure.ServiceLevel}");
            }

            if (!Enum.IsDefined(procedure.SupplementPolicy))
            {
                problems.Add($"procedure {procedure.Code} has an unknown supplement policy");
            }

            if (procedure.Fees.Any(f => f is null) || procedure.Components.Any(c => c is null))
            {
                problems.Add($"procedure {procedure.Code} lists a null fee or paper");
                continue;
            }

            if (procedure.Fees.Any(f => f.Amount < 0 || f.Amount > Dossiers.DossierDecider.MaxFeeAmount))
            {
                problems.Add($"procedure {procedure.Code} has a negative fee");
            }

            if (procedure.Fees.Any(f => !Enum.IsDefined(f.Timing) || string.IsNullOrWhiteSpace(f.Name)))
            {
                problems.Add($"procedure {procedure.Code} has a fee without a name or with an unknown timing");
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
