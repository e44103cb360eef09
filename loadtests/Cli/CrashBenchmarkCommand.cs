using DossierTracking.LoadTests.Crash;
using Spectre.Console;
using Spectre.Console.Cli;

namespace DossierTracking.LoadTests.Cli;

/// <summary>The <c>crash</c> command: the crash benchmark, with its own PostgreSQL and silos.</summary>
public sealed class CrashBenchmarkCommand : AsyncCommand<CrashBenchmarkSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, CrashBenchmarkSettings settings, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            // The first Ctrl+C ends the round, stops the processes and still writes the report; a second one ends the process.
            if (!stop.IsCancellationRequested)
            {
                e.Cancel = true;
                stop.Cancel();
            }
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            return await new CrashBenchmark(settings.ToOptions(), AnsiConsole.Console).ExecuteAsync(stop.Token);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }
}
