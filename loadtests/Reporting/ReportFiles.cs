using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DossierTracking.LoadTests.Reporting;

/// <summary>Writes results-{yyyyMMdd-HHmmss}.json/.md into the output folder and copies them to latest.json/.md.</summary>
public static class ReportFiles
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        // Keeps Vietnamese names and the µ/× signs readable; the file is never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    public static IReadOnlyList<string> Write(RunReport report, string directory)
    {
        Directory.CreateDirectory(directory);
        var stamp = report.StartedAtUtc.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var json = Path.Combine(directory, $"results-{stamp}.json");
        var markdown = Path.Combine(directory, $"results-{stamp}.md");
        File.WriteAllText(json, JsonSerializer.Serialize(report, Json) + "\n");
        File.WriteAllText(markdown, MarkdownReport.Render(report));
        File.Copy(json, Path.Combine(directory, "latest.json"), overwrite: true);
        File.Copy(markdown, Path.Combine(directory, "latest.md"), overwrite: true);
        return [json, markdown];
    }
}
