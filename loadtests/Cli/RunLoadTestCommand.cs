using Spectre.Console;
using Spectre.Console.Cli;

namespace DossierTracking.LoadTests.Cli;

/// <summary>The only command: run the load test with the given settings.</summary>
public sealed class RunLoadTestCommand : AsyncCommand<LoadTestSettings>
{
    public override Task<int> ExecuteAsync(CommandContext context, LoadTestSettings settings, CancellationToken cancellationToken) =>
        new LoadTestRun(settings.ToOptions(), AnsiConsole.Console).ExecuteAsync(cancellationToken);
}
