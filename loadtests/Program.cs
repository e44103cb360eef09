using System.Globalization;
using DossierTracking.LoadTests.Cli;
using Spectre.Console;
using Spectre.Console.Cli;

// Reports are compared across machines: numbers are formatted the same everywhere.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

// Redirected to a file or CI log, Spectre assumes 80 columns and wraps the ten-column table into an unreadable
// column of fragments; a log has no width limit, so give it room.
if (Console.IsOutputRedirected)
{
    AnsiConsole.Profile.Width = 200;
}

var app = new CommandApp<RunLoadTestCommand>();
app.Configure(config =>
{
    config.SetApplicationName("dotnet run -c Release --project loadtests --");
    config.AddCommand<CrashBenchmarkCommand>("crash")
        .WithDescription("The crash benchmark: starts PostgreSQL and silos, kills, stops and cuts them off, and times the recovery (bash loadtests/run.sh --crash).");
    config.AddCommand<GenerateImportCommand>("generate-import")
        .WithDescription("Writes the import file of docs/import.md for the reference province: 439,803 online dossiers July 2016 - October 2020, 203,585 of them in January-October 2020.");
    config.AddCommand<ImportBenchmarkCommand>("import-benchmark")
        .WithDescription("Imports that file into a running silo through ImportService, timed with the silo's CPU, and checks the 2020 report counts it (bash loadtests/run.sh --import).");
    // A mistyped option must not silently fall back to a default and start a 30-minute run.
    config.UseStrictParsing();
    config.SetExceptionHandler((exception, _) =>
    {
        if (exception is CommandAppException)
        {
            // Unknown or invalid options, a non-loopback target: say what is wrong and exit with the documented code.
            AnsiConsole.MarkupLine($"[red]{Markup.Escape(exception.Message)}[/]");
            return ExitCodes.Unusable;
        }

        AnsiConsole.WriteException(exception);
        return ExitCodes.Crashed;
    });
});
return await app.RunAsync(args);
