using DossierTracking.IntegrationTests.Infrastructure;
using DossierTracking.Tools;

namespace DossierTracking.IntegrationTests.ReferenceData;

/// <summary>The <c>reference</c> command line: help, and wrong arguments refused with exit code 2 before anything runs.</summary>
public sealed class ReferenceCommandLineTests
{
    private static readonly OperatorEnvironment Environment = new()
    {
        IsDevelopment = true,
        IssueToken = request => TestTokens.For(request.Role, request.Subject),
        MaxTokenLifetime = TimeSpan.FromHours(12),
        DefaultTarget = "http://127.0.0.1:1",
    };

    [Theory]
    [InlineData("publish", "--expected-version")]
    [InlineData("show", "--out")]
    public async Task Each_subcommand_has_help(string subcommand, string option)
    {
        var (output, error) = (new StringWriter(), new StringWriter());

        Assert.Equal(0, await OperatorCli.RunAsync(["reference", subcommand, "--help"], Environment, output, error));
        Assert.Contains(option, output.ToString());
        Assert.Contains("calendar", output.ToString());
    }

    [Theory]
    [InlineData("reference")]
    [InlineData("reference", "show")]
    [InlineData("reference", "publish", "--kind", "holidays", "--file", "x.json")]
    [InlineData("reference", "publish", "--kind", "calendar")]
    [InlineData("reference", "publish", "--kind", "calendar", "--file", "/nonexistent/calendar.json")]
    public async Task A_wrong_command_line_is_refused_with_exit_code_2(params string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());

        Assert.Equal(OperatorCli.UsageError, await OperatorCli.RunAsync(args, Environment, output, error));
        Assert.NotEmpty(error.ToString());
    }

    [Fact]
    public async Task An_expected_version_below_1_is_refused_before_the_file_is_sent()
    {
        var file = Path.Combine(TestHost.NewDataDirectory(), "calendar.json");
        await File.WriteAllTextAsync(file, "{}");
        var (output, error) = (new StringWriter(), new StringWriter());

        var exit = await OperatorCli.RunAsync(["reference", "publish", "--kind", "calendar", "--file", file, "--expected-version", "0"], Environment, output, error);

        Assert.Equal(OperatorCli.UsageError, exit);
        Assert.Contains("--expected-version must be 1 or more", error.ToString());
    }
}
