using System.Text.Json;
using System.Text.Json.Serialization;
using DossierTracking.Contracts.Catalog;

namespace DossierTracking.Domain.Catalog;

/// <summary>The shape of <c>quang-ninh-catalog.json</c>, the versioned reference data file.</summary>
public sealed class CatalogFile
{
    /// <summary>The name of the embedded copy of <c>quang-ninh-catalog.json</c>.</summary>
    public const string EmbeddedName = "quang-ninh-catalog.json";

    public int Schema { get; init; }

    public string Version { get; init; } = "";

    public string Description { get; init; } = "";

    public List<AgencyInfo> Agencies { get; init; } = [];

    public List<ProcedureInfo> Procedures { get; init; } = [];

    /// <summary>
    /// Strict reading: a misspelt member or a null where a list or text belongs is an error naming where it is,
    /// rather than a procedure that silently lost its fees or papers.
    /// </summary>
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
    };

    /// <summary>Reads a catalogue file; throws <see cref="JsonException"/> (with the path and line) when it is not one.</summary>
    public static CatalogFile Parse(string json) =>
        JsonSerializer.Deserialize<CatalogFile>(json, JsonOptions)
        ?? throw new JsonException("The catalogue is empty (null).");

    /// <summary>The text of the catalogue shipped with the service: the seed of the published versions.</summary>
    public static string EmbeddedText()
    {
        using var stream = typeof(CatalogFile).Assembly.GetManifestResourceStream(EmbeddedName)
            ?? throw new InvalidOperationException($"The embedded catalogue {EmbeddedName} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The catalogue shipped with the service (an embedded copy of the JSON file).</summary>
    public static CatalogFile LoadEmbedded() => Parse(EmbeddedText());
}
