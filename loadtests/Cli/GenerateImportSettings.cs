using System.ComponentModel;
using DossierTracking.LoadTests.Import;
using Spectre.Console;
using Spectre.Console.Cli;

namespace DossierTracking.LoadTests.Cli;

/// <summary>The <c>generate-import</c> command's options.</summary>
public sealed class GenerateImportSettings : CommandSettings
{
    [CommandOption("--dossiers <COUNT>")]
    [Description("Dossiers to write: the online dossiers Quảng Ninh took July 2016 - October 2020. January-October 2020 gets the reference share (203,585 of 439,803), rounded.")]
    [DefaultValue(DailyVolumes.ReferenceTotal)]
    public int Dossiers { get; init; } = DailyVolumes.ReferenceTotal;

    [CommandOption("--out <FILE>")]
    [Description("The JSON Lines file to write (replaced if it exists).")]
    [DefaultValue("loadtests/results/import-qn.jsonl")]
    public string Out { get; init; } = "loadtests/results/import-qn.jsonl";

    [CommandOption("--seed <SEED>")]
    [Description("Seed of everything drawn: the same seed and count give the same file.")]
    [DefaultValue(2020)]
    public int Seed { get; init; } = 2020;

    public override ValidationResult Validate() => this switch
    {
        { Dossiers: < 1 or > 10_000_000 } => ValidationResult.Error("--dossiers must be 1-10,000,000."),
        _ when string.IsNullOrWhiteSpace(Out) => ValidationResult.Error("--out must name a file."),
        _ => ValidationResult.Success(),
    };
}
