using System.ComponentModel;
using System.Text.RegularExpressions;
using DossierTracking.LoadTests.Import;
using Spectre.Console;
using Spectre.Console.Cli;

namespace DossierTracking.LoadTests.Cli;

/// <summary>The <c>import-benchmark</c> command's options. <see cref="ToOptions"/> turns them into the benchmark's settings.</summary>
public sealed partial class ImportBenchmarkSettings : CommandSettings
{
    [CommandOption("--target <URL>")]
    [Description("The silo's gRPC address; loopback only.")]
    [DefaultValue("http://127.0.0.1:5000")]
    public string Target { get; init; } = "http://127.0.0.1:5000";

    [CommandOption("--file <FILE>")]
    [Description("A JSON Lines file to import (docs/import.md); by default one is generated with --dossiers and --seed.")]
    public string? File { get; init; }

    [CommandOption("--dossiers <COUNT>")]
    [Description("Dossiers of the generated file (as generate-import).")]
    [DefaultValue(DailyVolumes.ReferenceTotal)]
    public int Dossiers { get; init; } = DailyVolumes.ReferenceTotal;

    [CommandOption("--seed <SEED>")]
    [Description("Seed of the generated file.")]
    [DefaultValue(2020)]
    public int Seed { get; init; } = 2020;

    [CommandOption("--source <NAME>")]
    [Description("The old system's name sent with the stream (lower-case letters, digits, '-').")]
    [DefaultValue("qn-egov")]
    public string Source { get; init; } = "qn-egov";

    [CommandOption("--batch <LINES>")]
    [Description("Lines per request message (the API takes up to 1,000).")]
    [DefaultValue(500)]
    public int Batch { get; init; } = 500;

    [CommandOption("--window <MESSAGES>")]
    [Description("Request messages sent and not yet answered, at most.")]
    [DefaultValue(4)]
    public int Window { get; init; } = 4;

    [CommandOption("--repeat <LINES>")]
    [Description("Lines imported a second time at the end, which must all count as already imported; 0 for no repeat.")]
    [DefaultValue(20_000)]
    public int Repeat { get; init; } = 20_000;

    [CommandOption("--report-wait <SECONDS>")]
    [Description("How long the 2020 report may take to count every imported dossier.")]
    [DefaultValue(180)]
    public int ReportWait { get; init; } = 180;

    [CommandOption("--work <DIR>")]
    [Description("Folder for the generated file, deleted after the run (default: the system's temporary folder).")]
    public string? Work { get; init; }

    [CommandOption("--out <DIR>")]
    [Description("Folder for import-*.json/.md and import-latest.json/.md.")]
    [DefaultValue("loadtests/results")]
    public string Out { get; init; } = "loadtests/results";

    public override ValidationResult Validate()
    {
        if (!LoopbackTarget.TryParse(Target, out _, out var targetError))
        {
            return ValidationResult.Error(targetError);
        }

        return this switch
        {
            { File: { } file } when !System.IO.File.Exists(file) => ValidationResult.Error($"--file '{file}' does not exist."),
            { Dossiers: < 1 or > 10_000_000 } => ValidationResult.Error("--dossiers must be 1-10,000,000."),
            { Batch: < 1 or > 1_000 } => ValidationResult.Error("--batch must be 1-1,000 lines (the API's limit per message)."),
            { Window: < 1 or > 64 } => ValidationResult.Error("--window must be 1-64 messages."),
            { Repeat: < 0 } => ValidationResult.Error("--repeat must be 0 or more lines."),
            { ReportWait: < 1 or > 3_600 } => ValidationResult.Error("--report-wait must be 1-3,600 seconds."),
            _ when !SourcePattern().IsMatch(Source) => ValidationResult.Error("--source must be 1-64 lower-case letters, digits or '-'."),
            _ when string.IsNullOrWhiteSpace(Out) => ValidationResult.Error("--out must name a folder."),
            _ => ValidationResult.Success(),
        };
    }

    public ImportBenchmarkOptions ToOptions()
    {
        // Validate() has run: the target parses.
        LoopbackTarget.TryParse(Target, out var target, out _);
        return new ImportBenchmarkOptions
        {
            Target = target,
            File = File is null ? null : Path.GetFullPath(File),
            Dossiers = Dossiers,
            Seed = Seed,
            Source = Source,
            Batch = Batch,
            Window = Window,
            Repeat = Repeat,
            ReportWaitSeconds = ReportWait,
            WorkDirectory = Path.GetFullPath(Work ?? Path.GetTempPath()),
            OutputDirectory = Path.GetFullPath(Out),
        };
    }

    [GeneratedRegex("^[a-z0-9-]{1,64}$")]
    private static partial Regex SourcePattern();
}
