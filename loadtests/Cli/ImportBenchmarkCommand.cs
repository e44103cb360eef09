using DossierTracking.LoadTests.Import;
using Spectre.Console;
using Spectre.Console.Cli;

namespace DossierTracking.LoadTests.Cli;

/// <summary>The <c>import-benchmark</c> command: imports the reference province's history into a running silo, timed, and checks the 2020 report counts it.</summary>
public sealed class ImportBenchmarkCommand : AsyncCommand<ImportBenchmarkSettings>
{
    public override Task<int> ExecuteAsync(CommandContext context, ImportBenchmarkSettings settings, CancellationToken cancellationToken) =>
        new ImportBenchmark(settings.ToOptions(), AnsiConsole.Console).ExecuteAsync(cancellationToken);
}
