using System.Text.Json;
using System.Text.Json.Serialization;
using DossierTracking.Contracts.Catalog;

namespace DossierTracking.Domain.Catalog;

/// <summary>The shape of <c>quang-ninh-catalog.json</c>, the versioned reference data file.</summary>
public sealed class CatalogFile
{
    public int Schema { get; init; }

    public string Version { get; init; } = "";

    public string Description { get; init; } = "";

    public List<AgencyInfo> Agencies { get; init; } = [];

    public List<ProcedureInfo> Procedures { get; init; } = [];

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        Converters = { new JsonStringEnumConverter() },
    };

    public static CatalogFile Parse(Stream json) =>
        JsonSerializer.Deserialize<CatalogFile>(json, JsonOptions)
        ?? throw new InvalidDataException("The catalogue file is empty.");

    /// <summary>The catalogue shipped with the service (an embedded copy of the JSON file).</summary>
    public static CatalogFile LoadEmbedded()
    {
        using var stream = typeof(CatalogFile).Assembly.GetManifestResourceStream("quang-ninh-catalog.json")
            ?? throw new InvalidOperationException("The embedded catalogue quang-ninh-catalog.json is missing from the build.");
        return Parse(stream);
    }
}
