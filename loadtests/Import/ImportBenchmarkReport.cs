using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using DossierTracking.LoadTests.Reporting;

namespace DossierTracking.LoadTests.Import;

/// <summary>What an import benchmark measured and checked; written as import-{yyyyMMdd-HHmmss}.json/.md, copied to import-latest.json/.md.</summary>
public sealed record ImportBenchmarkReport
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public required DateTimeOffset StartedAtUtc { get; init; }
    public required DateTimeOffset FinishedAtUtc { get; init; }
    public required ImportBenchmarkOptions Settings { get; init; }
    public required MachineInfo Machine { get; init; }

    /// <summary>The generated file's counts; null when the file was given.</summary>
    public ImportGenerationSummary? Generated { get; init; }

    public required IReadOnlyList<ImportRunResult> Runs { get; init; }
    public YearReportCheck.Outcome? Report2020 { get; init; }
    public required IReadOnlyList<Check> Checks { get; init; }
    public required IReadOnlyList<string> Notes { get; init; }

    public bool Passed => Checks.All(c => c.Passed);

    public sealed record Check(string Name, bool Passed, string Detail);

    public IReadOnlyList<string> Write(string directory)
    {
        Directory.CreateDirectory(directory);
        var stamp = StartedAtUtc.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var json = Path.Combine(directory, $"import-{stamp}.json");
        var markdown = Path.Combine(directory, $"import-{stamp}.md");
        File.WriteAllText(json, JsonSerializer.Serialize(this, Json) + "\n");
        File.WriteAllText(markdown, Markdown());
        File.Copy(json, Path.Combine(directory, "import-latest.json"), overwrite: true);
        File.Copy(markdown, Path.Combine(directory, "import-latest.md"), overwrite: true);
        return [json, markdown];
    }

    public string Markdown()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"# Import benchmark {StartedAtUtc:yyyy-MM-dd HH:mm} UTC");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"{Machine.CpuModel}, {Machine.Processors} logical processors, {Machine.Runtime}; silo and client on the same machine. "
            + $"{Settings.Batch} lines a message, at most {Settings.Window} messages unanswered.");
        text.AppendLine();
        text.AppendLine("| run | lines | wall s | dossiers/s | imported | already there | refused | server CPU ms/dossier | CPU source |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var run in Runs)
        {
            var cpu = run.Cpu?.MicrosPerCall is { } micros ? (micros / 1000).ToString("F2", CultureInfo.InvariantCulture) : "-";
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {run.Name} | {run.LinesSent:N0} | {run.Seconds:F1} | {run.DossiersPerSecond:N0} | {run.Imported:N0} | {run.AlreadyImported:N0} | {run.Refused:N0} | {cpu} | {run.Cpu?.Source ?? "none"} |");
        }

        text.AppendLine();
        if (Report2020 is { } report)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"Report 2020 (province): received online {report.ReceivedOnline:N0} of {report.ReceivedTotal:N0}, expected {Runs.FirstOrDefault()?.Online2020:N0}; read after {report.WaitSeconds:F1} s{(report.Error is null ? "" : "; error " + report.Error)}.");
            text.AppendLine();
        }

        text.AppendLine("| check | result | detail |");
        text.AppendLine("|---|---|---|");
        foreach (var check in Checks)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {check.Name} | {(check.Passed ? "passed" : "FAILED")} | {check.Detail} |");
        }

        foreach (var note in Notes)
        {
            text.AppendLine();
            text.AppendLine("- " + note);
        }

        return text.ToString();
    }
}
