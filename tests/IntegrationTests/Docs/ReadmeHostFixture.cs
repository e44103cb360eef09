using System.Diagnostics;
using System.Text.Json.Nodes;
using DossierTracking.IntegrationTests.Infrastructure;
using DossierTracking.Silo.Hosting;

namespace DossierTracking.IntegrationTests.Docs;

/// <summary>
/// A silo as <c>dotnet run --project src/Silo</c> starts it on a newcomer's machine: in Development (reflection open,
/// tokens signed with the key the silo makes in its data folder), SQLite, the real clock. The README's set-up block
/// runs once here; its <c>tok</c> lines run the silo's real <c>token</c> command in a process of its own, with the
/// environment of the launch profile <c>dotnet run</c> uses and the silo's data folder, so their tokens are the ones a
/// reader gets.
/// </summary>
public sealed class ReadmeHostFixture : IAsyncLifetime
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    public TestHost Host { get; private set; } = null!;

    public ReadmeWalkthroughs Readme { get; } = ReadmeWalkthroughs.Load(ReadmeWalkthroughs.ReadmePath());

    /// <summary>The session after the set-up block: every walk-through starts from a fork of it.</summary>
    public ShellSession Setup { get; private set; } = null!;

    /// <summary>What failed in the set-up block, if anything.</summary>
    public IReadOnlyList<string> SetupFailures { get; private set; } = [];

    public List<string> SetupLog { get; } = [];

    public async Task InitializeAsync()
    {
        Host = await TestHost.StartAsync(args: ["--environment", "Development"], testKeys: false);
        Setup = NewSession();
        var runner = new WalkthroughRunner(Setup, SetupLog.Add);
        await runner.RunAsync([Readme.Setup]);
        SetupFailures = runner.Failures;
    }

    public ShellSession NewSession() => new(Host.Channel, RunSiloCommandAsync, new Uri($"http://127.0.0.1:{Host.HttpPort}"));

    public async Task DisposeAsync() => await Host.DisposeAsync();

    /// <summary><c>dotnet run --project src/Silo -- args</c>: the built silo with the launch profile's environment, in the host's data folder.</summary>
    private async Task<string> RunSiloCommandAsync(IReadOnlyList<string> args)
    {
        var start = new ProcessStartInfo("dotnet", [typeof(DossierHost).Assembly.Location, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in LaunchProfileEnvironment())
        {
            start.Environment[name] = value;
        }

        start.Environment["Storage__DataDirectory"] = Host.DataDirectory;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(CommandTimeout);
        return process.ExitCode == 0 ? await output
            : throw new InvalidOperationException($"dotnet run --project src/Silo -- {string.Join(' ', args)} exited with {process.ExitCode}: {await error}{await output}");
    }

    /// <summary>The environment variables of the launch profile in src/Silo/Properties/launchSettings.json (DOTNET_ENVIRONMENT=Development).</summary>
    private static IEnumerable<(string Name, string Value)> LaunchProfileEnvironment()
    {
        var root = Path.GetDirectoryName(ReadmeWalkthroughs.ReadmePath())!;
        var settings = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "src", "Silo", "Properties", "launchSettings.json")))!;
        var profile = settings["profiles"]!.AsObject().First().Value!;
        return profile["environmentVariables"]?.AsObject().Select(p => (p.Key, p.Value!.GetValue<string>())) ?? [];
    }
}
