using System.Diagnostics;
using DossierTracking.GrpcApi.Security;
using DossierTracking.IntegrationTests.Infrastructure;
using DossierTracking.Silo.Configuration;
using DossierTracking.Silo.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;

namespace DossierTracking.IntegrationTests.Security;

/// <summary>
/// Development mode stays on the developer's machine: loopback only, a key file only its owner can read, and a
/// token command that signs with that key unless told to use a configured one.
/// </summary>
public sealed class DevelopmentModeTests
{
    private static Dictionary<string, string?> Base(string data) => new()
    {
        ["Storage:Provider"] = "Sqlite",
        ["Storage:DataDirectory"] = data,
    };

    [Fact]
    public void In_Development_the_silo_refuses_to_listen_beyond_loopback()
    {
        var settings = Base(TestHost.NewDataDirectory());
        settings["Network:BindAddress"] = "0.0.0.0";
        var error = Assert.Throws<OptionsValidationException>(() => DossierHost.CreateBuilder(["--environment", "Development"], settings));
        Assert.Contains("Network:BindAddress", error.Message);
        Assert.Contains("Development", error.Message);
    }

    [Fact]
    public void The_development_key_file_is_readable_by_its_owner_only_and_a_looser_one_is_refused()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Unix file modes
        }

        var data = TestHost.NewDataDirectory();
        var key = DevelopmentKey.LoadOrCreate(data);
        var path = Path.Combine(data, "dev-signing-key.json");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(key.Key, DevelopmentKey.LoadOrCreate(data).Key);
        Assert.Single(Directory.GetFiles(data)); // no draft left behind

        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var error = Assert.Throws<OptionsValidationException>(() => DossierHost.CreateBuilder(["--environment", "Development"], Base(data)));
        Assert.Contains("other users", error.Message);
        Assert.Contains("644", error.Message);
    }

    [Fact]
    public async Task The_token_command_signs_with_the_development_key_unless_a_configured_key_is_named()
    {
        var data = TestHost.NewDataDirectory();
        var configured = SigningKey.Generate("prod-2027");
        var environment = new Dictionary<string, string>
        {
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["Storage__DataDirectory"] = data,
            ["Auth__SigningKeys__0__Id"] = configured.Id,
            ["Auth__SigningKeys__0__Key"] = configured.Key,
        };

        var (exit, output) = await RunTokenCommandAsync(environment, "--role", Roles.Portal);
        Assert.True(exit == 0, output);
        Assert.StartsWith(DevelopmentKey.IdPrefix, new JsonWebToken(output.Trim()).Kid);

        (exit, output) = await RunTokenCommandAsync(environment, "--role", Roles.Portal, "--signing-key-id", configured.Id);
        Assert.True(exit == 0, output);
        Assert.Equal(configured.Id, new JsonWebToken(output.Trim()).Kid);

        (exit, output) = await RunTokenCommandAsync(environment, "--role", Roles.Portal, "--signing-key-id", "no-such-key");
        Assert.Equal(1, exit);
        Assert.Contains("no-such-key", output);

        (exit, output) = await RunTokenCommandAsync(environment, "--role", Roles.Portal, "--hours", "13");
        Assert.Equal(1, exit);
        Assert.Contains("Auth:MaxTokenLifetime", output);
    }

    private static async Task<(int ExitCode, string Output)> RunTokenCommandAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet", [typeof(DossierHost).Assembly.Location, "token", .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, await stdout + await stderr);
    }
}
