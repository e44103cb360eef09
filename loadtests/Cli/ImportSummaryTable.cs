using DossierTracking.LoadTests.Import;
using Spectre.Console;

namespace DossierTracking.LoadTests.Cli;

/// <summary>The counts of a generated import file, as generate-import and import-benchmark print them.</summary>
public static class ImportSummaryTable
{
    public static void Print(ImportGenerationSummary summary, IAnsiConsole console)
    {
        var share = summary.Total == 0 ? 0 : 100.0 * summary.In2020 / summary.Total;
        console.MarkupLine($"Total: {summary.Total:N0} online dossiers, submitted {summary.FirstSubmitted:yyyy-MM-dd} to {summary.LastSubmitted:yyyy-MM-dd}; last history entry {summary.LastEvent:yyyy-MM-dd}.");
        console.MarkupLine($"In January-October 2020: {summary.In2020:N0} ({share:F1} %); July 2016 - December 2019: {summary.Total - summary.In2020:N0}.");
        console.MarkupLine("Per state: " + string.Join(", ", summary.ByState.Select(p => $"{p.Key} {p.Value:N0} ({Percent(p.Value, summary.Total)})"))
            + $"; results refused: {summary.RefusedResults:N0}.");
        console.MarkupLine("Per desk level: " + string.Join(", ", summary.ByLevel.Select(p => $"{p.Key} {p.Value:N0} ({Percent(p.Value, summary.Total)})")) + ".");
        console.MarkupLine("Busiest desks: " + string.Join(", ", summary.TopDesks.Take(8).Select(p => $"{p.Key} {p.Value:N0}")) + ".");
    }

    private static string Percent(long part, long whole) => whole == 0 ? "-" : $"{100.0 * part / whole:F1} %";
}
