using System.Diagnostics;
using DossierTracking.LoadTests.Import;
using Spectre.Console;
using Spectre.Console.Cli;

namespace DossierTracking.LoadTests.Cli;

/// <summary>The <c>generate-import</c> command: writes the import file of docs/import.md for the reference province, and prints its counts.</summary>
public sealed class GenerateImportCommand : Command<GenerateImportSettings>
{
    public override int Execute(CommandContext context, GenerateImportSettings settings, CancellationToken cancellationToken)
    {
        var path = Path.GetFullPath(settings.Out);
        var summary = GenerateFile(path, settings.Dossiers, settings.Seed, AnsiConsole.Console);
        ImportSummaryTable.Print(summary, AnsiConsole.Console);
        return ExitCodes.Completed;
    }

    /// <summary>Writes the file (streamed: a day's dossiers at a time) and says where and how long it took.</summary>
    public static ImportGenerationSummary GenerateFile(string path, int dossiers, int seed, IAnsiConsole console)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var watch = Stopwatch.StartNew();
        ImportGenerationSummary summary;
        using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 20))
        {
            summary = ImportGenerator.ForReferenceProvince().Write(file, dossiers, seed,
                new Progress<long>(n => { if (n % 100_000 == 0) console.MarkupLine($"  {n:N0} lines written"); }));
        }

        console.MarkupLine($"Wrote {summary.Total:N0} dossiers ({summary.Bytes / 1048576.0:F0} MiB) to {Markup.Escape(path)} in {watch.Elapsed.TotalSeconds:F1} s.");
        return summary;
    }
}
