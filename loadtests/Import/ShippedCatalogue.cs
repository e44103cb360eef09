using System.Text.Json;
using DossierTracking.GrpcApi.V1;
using DossierTracking.LoadTests.Workload;

namespace DossierTracking.LoadTests.Import;

/// <summary>
/// The catalogue the silo ships (<c>src/Domain/Catalog/quang-ninh-catalog.json</c>, embedded in this tool), read into
/// the API's own messages so that <see cref="WorkloadModel"/> draws from it as it draws from a live silo's catalogue.
/// generate-import runs with no silo: this is how it knows the desks and procedures.
/// </summary>
public static class ShippedCatalogue
{
    private const string ResourceName = "quang-ninh-catalog.json";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    /// <summary>The embedded copy, or the file given (a province's own catalogue of the same schema).</summary>
    public static CatalogueSnapshot Load(string? path = null)
    {
        using var stream = path is null
            ? typeof(ShippedCatalogue).Assembly.GetManifestResourceStream(ResourceName)
              ?? throw new InvalidOperationException($"The embedded catalogue {ResourceName} is missing from the build.")
            : File.OpenRead(path);
        var file = JsonSerializer.Deserialize<FileShape>(stream, JsonOptions)
            ?? throw new InvalidDataException("The catalogue file is empty.");
        return new CatalogueSnapshot
        {
            Version = file.Version,
            Agencies = file.Agencies.Select(a => new Agency
            {
                Code = a.Code,
                Name = a.Name,
                Level = Level(a.Level, a.Code),
                ParentCode = a.ParentCode ?? "",
                IsReceivingDesk = a.IsReceivingDesk,
            }).ToList(),
            Procedures = file.Procedures.Select(p => new Procedure
            {
                Code = p.Code,
                Name = p.Name,
                AgencyLevel = Level(p.AgencyLevel, p.Code),
                AgencyCode = p.AgencyCode ?? "",
                ServiceLevel = p.ServiceLevel,
                Limit = Limit(p.Limit),
                OnlineLimit = p.OnlineLimit is null ? null : Limit(p.OnlineLimit),
            }).ToList(),
        };
    }

    private static AgencyLevel Level(string text, string code) =>
        Enum.TryParse<AgencyLevel>(text, ignoreCase: true, out var level) && level != AgencyLevel.Unspecified
            ? level
            : throw new InvalidDataException($"{code}: level '{text}' is not Province, District or Commune.");

    private static TimeLimit Limit(LimitShape limit) => new()
    {
        Value = limit.Value,
        Unit = limit.Unit.Equals("CalendarDays", StringComparison.OrdinalIgnoreCase) ? LimitUnit.CalendarDays : LimitUnit.WorkingDays,
    };

    private sealed record FileShape(string Version, List<AgencyShape> Agencies, List<ProcedureShape> Procedures);

    private sealed record AgencyShape(string Code, string Name, string Level, string? ParentCode, bool IsReceivingDesk);

    private sealed record ProcedureShape(string Code, string Name, string AgencyLevel, string? AgencyCode, int ServiceLevel, LimitShape Limit, LimitShape? OnlineLimit);

    private sealed record LimitShape(int Value, string Unit);
}
