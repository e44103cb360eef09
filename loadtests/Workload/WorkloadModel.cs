using System.Globalization;
using DossierTracking.GrpcApi.V1;

namespace DossierTracking.LoadTests.Workload;

/// <summary>
/// What the province's online dossiers look like, built from the live catalogue: a level (province 35 %, district
/// 35 %, commune 30 %), then a receiving desk of that level with a Zipf-like skew towards the big towns, then a
/// procedure of that level offered online (service level 3 or 4) with a skew towards the first ones, and a citizen.
/// Everything is drawn from one seeded <see cref="Random"/> in order, so a seed always gives the same dossiers.
/// </summary>
public sealed class WorkloadModel
{
    public const int MinimumServiceLevel = 3;
    public const double DeskSkew = 1.0;
    public const double ProcedureSkew = 1.1;
    public const string ProvinceServiceCentre = "H49.50";

    /// <summary>Online dossiers by level; assumed from the province's reports, where the service centre and the towns lead.</summary>
    private static readonly (AgencyLevel Level, double Share)[] LevelShares =
    [
        (AgencyLevel.Province, 0.35),
        (AgencyLevel.District, 0.35),
        (AgencyLevel.Commune, 0.30),
    ];

    /// <summary>Hạ Long, Cẩm Phả, Móng Cái, Uông Bí: most of the province's people and so of its district-level dossiers.</summary>
    private static readonly string[] BigCitiesFirst = ["H49.193", "H49.195", "H49.194", "H49.196"];

    private static readonly Actor PortalActor = new() { Party = Party.Portal, PersonId = "loadtest-portal" };

    private readonly WeightedSampler levelSampler;

    private WorkloadModel(IReadOnlyList<string> desks, IReadOnlyList<string> procedures, IReadOnlyList<LevelWorkload> levels, IReadOnlyList<string> warnings)
    {
        DeskCodes = desks;
        ProcedureCodes = procedures;
        Levels = levels;
        Warnings = warnings;
        levelSampler = new WeightedSampler(levels.Select(l => l.Share).ToArray());
    }

    public IReadOnlyList<string> DeskCodes { get; }
    public IReadOnlyList<string> ProcedureCodes { get; }
    public IReadOnlyList<LevelWorkload> Levels { get; }

    /// <summary>Levels dropped because the catalogue has no desk or no online procedure for them.</summary>
    public IReadOnlyList<string> Warnings { get; }

    public static WorkloadModel Build(CatalogueSnapshot catalogue)
    {
        var deskCodes = new List<string>();
        var procedureCodes = new List<string>();
        var levels = new List<LevelWorkload>();
        var warnings = new List<string>();
        foreach (var (level, share) in LevelShares)
        {
            var desks = RankDesks(level, catalogue.Agencies
                .Where(a => a.IsReceivingDesk && a.Level == level)
                .Select(a => a.Code)
                .ToList());
            var procedures = catalogue.Procedures
                .Where(p => p.AgencyLevel == level && p.ServiceLevel >= MinimumServiceLevel)
                .Select(p => p.Code)
                .Order(CodeOrder.Instance)
                .ToList();
            if (desks.Count == 0 || procedures.Count == 0)
            {
                warnings.Add($"{level}: {desks.Count} receiving desks and {procedures.Count} online procedures in the catalogue; level left out.");
                continue;
            }

            var deskIds = desks.Select(code => Add(deskCodes, code)).ToArray();
            var procedureIds = procedures.Select(code => Add(procedureCodes, code)).ToArray();
            levels.Add(new LevelWorkload
            {
                Level = level,
                Share = share,
                Desks = deskIds,
                Procedures = procedureIds,
                DeskSampler = WeightedSampler.Zipf(deskIds.Length, DeskSkew),
                ProcedureSampler = WeightedSampler.Zipf(procedureIds.Length, ProcedureSkew),
            });
        }

        if (levels.Count == 0)
        {
            throw new InvalidOperationException("The catalogue has no receiving desk with an online (service level 3-4) procedure of its level.");
        }

        return new WorkloadModel(deskCodes, procedureCodes, levels, warnings);
    }

    public PlannedDossier[] Plan(int count, int seed)
    {
        var random = new Random(seed);
        var plan = new PlannedDossier[count];
        for (var i = 0; i < plan.Length; i++)
        {
            var level = Levels[levelSampler.Next(random)];
            var desk = level.Desks[level.DeskSampler.Next(random)];
            var procedure = level.Procedures[level.ProcedureSampler.Next(random)];
            var female = random.Next(2) == 1;
            plan[i] = new PlannedDossier(
                Desk: (short)desk,
                Procedure: (short)procedure,
                Female: female,
                Family: (byte)random.Next(VietnameseNames.Family.Length),
                Middle: (byte)random.Next(female ? VietnameseNames.FemaleMiddle.Length : VietnameseNames.MaleMiddle.Length),
                Given: (byte)random.Next(female ? VietnameseNames.FemaleGiven.Length : VietnameseNames.MaleGiven.Length),
                BirthYear: (short)random.Next(1950, 2005),
                IdSerial: random.Next(1_000_000),
                PhoneSuffix: random.Next(100_000_000));
        }

        return plan;
    }

    public SubmitDossierRequest ToRequest(in PlannedDossier planned, string requestId) =>
        ToRequest(planned, requestId, ProcedureCodes[planned.Procedure], DeskCodes[planned.Desk]);

    /// <summary>The planned dossier's citizen, sent to the given procedure and desk instead of the planned ones.</summary>
    public static SubmitDossierRequest ToRequest(in PlannedDossier planned, string requestId, string procedureCode, string deskCode) => new()
    {
        RequestId = requestId,
        ProcedureCode = procedureCode,
        ReceivingDeskCode = deskCode,
        Applicant = new Applicant
        {
            Kind = ApplicantKind.Citizen,
            FullName = FullName(planned),
            IdNumber = CitizenId(planned),
            Phone = string.Create(CultureInfo.InvariantCulture, $"09{planned.PhoneSuffix:D8}"),
        },
        Actor = PortalActor,
    };

    private static string FullName(in PlannedDossier planned)
    {
        var middle = planned.Female ? VietnameseNames.FemaleMiddle : VietnameseNames.MaleMiddle;
        var given = planned.Female ? VietnameseNames.FemaleGiven : VietnameseNames.MaleGiven;
        return $"{VietnameseNames.Family[planned.Family]} {middle[planned.Middle]} {given[planned.Given]}";
    }

    /// <summary>
    /// A 12-digit CCCD as issued in Quảng Ninh: province 022, then the sex-and-century digit (0/1 for men/women born
    /// in the 1900s, 2/3 in the 2000s), the last two digits of the birth year and a 6-digit serial.
    /// </summary>
    private static string CitizenId(in PlannedDossier planned)
    {
        var sexAndCentury = (planned.BirthYear >= 2000 ? 2 : 0) + (planned.Female ? 1 : 0);
        return string.Create(CultureInfo.InvariantCulture, $"022{sexAndCentury}{planned.BirthYear % 100:D2}{planned.IdSerial:D6}");
    }

    private static List<string> RankDesks(AgencyLevel level, List<string> desks)
    {
        var byCode = desks.Order(CodeOrder.Instance).ToList();
        var first = level switch
        {
            AgencyLevel.Province => [ProvinceServiceCentre],
            AgencyLevel.District => BigCitiesFirst,
            _ => [],
        };
        var leading = first.Where(byCode.Contains).ToList();
        return [.. leading, .. byCode.Except(leading)];
    }

    private static int Add(List<string> table, string code)
    {
        table.Add(code);
        return table.Count - 1;
    }
}
