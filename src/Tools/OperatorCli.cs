using System.CommandLine;

namespace DossierTracking.Tools;

/// <summary>
/// The operators' commands: <c>token</c>, <c>recount</c>, <c>feed-sync</c>, <c>health</c>, <c>import</c>, <c>reference</c>. Every command has --help; an unknown or
/// malformed argument is refused with exit code 2 and the reason, before anything runs.
/// </summary>
public static class OperatorCli
{
    /// <summary>Exit code of a command line that could not be parsed.</summary>
    public const int UsageError = 2;

    private static readonly string[] Names = [TokenCommand.Name, RecountCommand.Name, FeedSyncCommand.Name, HealthCommand.Name, ImportCommand.Name, ReferenceCommand.Name];

    /// <summary>Whether the arguments name an operator command (the silo binary runs the service otherwise).</summary>
    public static bool Handles(string[] args) => args.Length > 0 && Names.Contains(args[0], StringComparer.Ordinal);

    public static async Task<int> RunAsync(string[] args, OperatorEnvironment environment, TextWriter? output = null, TextWriter? error = null)
    {
        var (stdout, stderr) = (output ?? Console.Out, error ?? Console.Error);
        var root = new RootCommand("Operator commands of the dossier-tracking silo.")
        {
            TokenCommand.Create(environment, stdout, stderr),
            RecountCommand.Create(environment, stdout, stderr),
            FeedSyncCommand.Create(environment, stdout, stderr),
            HealthCommand.Create(environment, stdout, stderr),
            ImportCommand.Create(environment, stdout, stderr),
            ReferenceCommand.Create(environment, stdout, stderr),
        };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var problem in parsed.Errors)
            {
                await stderr.WriteLineAsync(problem.Message);
            }

            await stderr.WriteLineAsync($"See: {string.Join(' ', args.Take(1))} --help");
            return UsageError;
        }

        return await parsed.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr });
    }
}
