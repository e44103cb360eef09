using System.Text.Json;
using DossierTracking.LoadTests.Import;

namespace DossierTracking.LoadToolTests;

/// <summary>One small import file, generated once for the tests of a class: 5,000 dossiers, seed 7.</summary>
public sealed class GeneratedImport
{
    public const int Dossiers = 5_000;
    public const int Seed = 7;

    public GeneratedImport()
    {
        using var stream = new MemoryStream();
        Summary = ImportGenerator.ForReferenceProvince().Write(stream, Dossiers, Seed);
        Bytes = stream.ToArray();
        Lines = System.Text.Encoding.UTF8.GetString(Bytes).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Documents = Lines.Select(line => JsonDocument.Parse(line).RootElement).ToArray();
    }

    public ImportGenerationSummary Summary { get; }

    public byte[] Bytes { get; }

    public string[] Lines { get; }

    public JsonElement[] Documents { get; }
}
