using DossierTracking.GrpcApi.Security;
using DossierTracking.IntegrationTests.Infrastructure;
using DossierTracking.Tools;

namespace DossierTracking.IntegrationTests.Operations;

/// <summary>The operators' commands as a real command line: help everywhere, wrong arguments refused before anything runs, tokens never on the command line.</summary>
public sealed class OperatorCliTests
{
    private static OperatorEnvironment Environment(bool development = true, string target = "http://127.0.0.1:1") => new()
    {
        IsDevelopment = development,
        IssueToken = request => TestTokens.For(request.Role, request.Subject, request.Agency, request.Name, request.Lifetime),
        MaxTokenLifetime = TimeSpan.FromHours(12),
        DefaultTarget = target,
    };

    private static async Task<(int Exit, string Output, string Error)> Run(OperatorEnvironment environment, params string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var exit = await OperatorCli.RunAsync(args, environment, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Theory]
    [InlineData("token", "--role")]
    [InlineData("recount", "--token-file")]
    [InlineData("feed-sync", "--follow")]
    [InlineData("health", "--live")]
    [InlineData("import", "--on-error")]
    public async Task Every_command_has_help(string command, string option)
    {
        var (exit, output, _) = await Run(Environment(), command, "--help");
        Assert.Equal(0, exit);
        Assert.Contains(option, output);
    }

    [Theory]
    [InlineData("token", "--role", "portal", "--colour", "blue")]
    [InlineData("token", "--role", "emperor")]
    [InlineData("token", "--role", "desk_officer")]
    [InlineData("token", "--role", "portal", "--hours", "-1")]
    [InlineData("recount", "--token", "secret")]
    [InlineData("feed-sync", "--follow")]
    [InlineData("feed-sync", "--out", "x.jsonl", "--page-size", "0")]
    [InlineData("health", "--ready")]
    [InlineData("import", "--file", "x.jsonl")]
    [InlineData("import", "--file", "x.jsonl", "--source", "qn", "--on-error", "ignore")]
    public async Task A_wrong_command_line_is_refused_with_exit_code_2_before_anything_runs(params string[] args)
    {
        var (exit, _, error) = await Run(Environment(), args);
        Assert.Equal(OperatorCli.UsageError, exit);
        Assert.NotEmpty(error);
    }

    [Fact]
    public async Task Outside_development_a_command_needs_a_token_from_the_environment_or_a_file()
    {
        var (exit, _, error) = await Run(Environment(development: false), "recount");
        Assert.Equal(OperatorCli.UsageError, exit);
        Assert.Contains(CallerToken.Variable, error);
        Assert.Contains("--token-file", error);

        (exit, _, error) = await Run(Environment(development: false), "token", "--role", "portal");
        Assert.Equal(OperatorCli.UsageError, exit);
        Assert.Contains("Development", error);
    }

    [Fact]
    public async Task Feed_sync_reads_its_token_from_a_file_and_writes_a_file_only_its_owner_can_read()
    {
        await using var host = await TestHost.StartAsync();
        await host.Dossiers.SubmitDossierAsync(Requests.Submit());
        var folder = TestHost.NewDataDirectory();
        var tokenFile = Path.Combine(folder, "sync.jwt");
        await File.WriteAllTextAsync(tokenFile, TestTokens.For(Roles.Sync, "national-portal") + "\n");
        var output = Path.Combine(folder, "changes.jsonl");

        var (exit, printed, error) = await Run(Environment(development: false, target: host.Channel.Target.StartsWith("http", StringComparison.Ordinal) ? host.Channel.Target : "http://" + host.Channel.Target),
            "feed-sync", "--out", output, "--token-file", tokenFile, "--quiet");
        Assert.True(exit == 0, printed + error);
        Assert.NotEmpty(await File.ReadAllLinesAsync(output));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(output));
        }
    }

    [Fact]
    public async Task Import_streams_a_file_prints_each_bad_line_and_a_second_run_finds_everything_there()
    {
        await using var host = await TestHost.StartAsync();
        var folder = TestHost.NewDataDirectory();
        var file = Path.Combine(folder, "export.jsonl");
        var lines = Enumerable.Range(1, 1500).Select(i => Import.ImportLines.Returned($"cli-{i}", Requests.Local(2017, 1 + i % 12, 1 + i % 28), i).ToJsonString()).ToList();
        lines.Insert(700, "");
        lines.Insert(1000, "not json");
        await File.WriteAllLinesAsync(file, lines);
        var tokenFile = Path.Combine(folder, "admin.jwt");
        await File.WriteAllTextAsync(tokenFile, TestTokens.For(Roles.Administrator, "admin-1") + "\n");
        var target = host.Channel.Target.StartsWith("http", StringComparison.Ordinal) ? host.Channel.Target : "http://" + host.Channel.Target;

        var (exit, printed, error) = await Run(Environment(development: false, target: target), "import", "--file", file, "--source", "qn-egov", "--token-file", tokenFile);
        Assert.True(exit == 1, printed + error);
        Assert.Contains("line 1001: INVALID_JSON", printed);
        Assert.Contains("Done: 1,500 imported, 0 already there, 1 refused.", printed);

        (exit, printed, error) = await Run(Environment(development: false, target: target), "import", "--file", file, "--source", "qn-egov", "--token-file", tokenFile, "--on-error", "stop");
        Assert.True(exit == 1, printed + error);
        Assert.Contains("Stopped at a bad line: 0 imported, 999 already there.", printed);

        lines.RemoveAt(1000);
        await File.WriteAllLinesAsync(file, lines);
        (exit, printed, error) = await Run(Environment(development: false, target: target), "import", "--file", file, "--source", "qn-egov", "--token-file", tokenFile);
        Assert.True(exit == 0, printed + error);
        Assert.Contains("Done: 0 imported, 1,500 already there, 0 refused.", printed);
    }
}
