using DossierTracking.Silo.Configuration;
using DossierTracking.Tools;
using YamlDotNet.RepresentationModel;

namespace DossierTracking.IntegrationTests.Deployment;

/// <summary>
/// deploy/compose.yaml cannot be run here (no container engine), so what can be checked without one is: it parses,
/// every silo setting it gives is one the silo knows with a value it accepts, its secrets and variables are declared,
/// and its health check is a command the image can run.
/// </summary>
public sealed class ComposeFileTests
{
    private static readonly string[] Silos = ["silo-1", "silo-2"];

    private readonly ComposeFile _compose = ComposeFile.Load(Path.Combine(ComposeFile.DeployFolder(), "compose.yaml"));

    [Fact]
    public void It_runs_PostgreSQL_and_two_silos_that_share_their_settings()
    {
        Assert.Equal(["postgres", .. Silos], _compose.ServiceNames.Order());
        var first = ComposeFile.Environment(_compose.Service(Silos[0]));
        Assert.Equal(first, ComposeFile.Environment(_compose.Service(Silos[1])));
        Assert.Equal("PostgreSql", first["Storage__Provider"]);
        Assert.Contains("Host=postgres;", first["Storage__ConnectionString"]);
        Assert.Equal("auto", first["Silo__AdvertisedAddress"]);
        foreach (var silo in Silos)
        {
            var dependsOn = (YamlMappingNode)_compose.Service(silo)["depends_on"];
            Assert.Equal("service_healthy", ((YamlMappingNode)dependsOn["postgres"])["condition"].ToString());
        }
    }

    [Fact]
    public void Every_silo_setting_is_one_the_silo_binds_with_a_value_it_takes()
    {
        foreach (var silo in Silos)
        {
            var problems = SettingNames.Problems(ComposeFile.Environment(_compose.Service(silo)));
            Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        }
    }

    [Fact]
    public void The_setting_check_catches_a_misspelt_name_a_bad_value_and_an_unknown_section()
    {
        var problems = SettingNames.Problems(new Dictionary<string, string>
        {
            ["Storage__Provder"] = "PostgreSql",
            ["Silo__Tls__CertificatPath"] = "/run/secrets/x",
            ["Health__DrainDelay"] = "five seconds",
            ["Storrage__Provider"] = "PostgreSql",
        });
        Assert.Equal(4, problems.Count);
        Assert.Contains(problems, p => p.Contains("Provder", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("CertificatPath", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Health", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Storrage__Provider", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_mounted_secret_is_declared_and_every_variable_is_in_env_example()
    {
        var declared = ((YamlMappingNode)_compose.Root["secrets"]).Children.Keys.Select(k => k.ToString()).ToList();
        foreach (var silo in Silos)
        {
            var service = _compose.Service(silo);
            var mounted = ComposeFile.Strings(service, "secrets");
            var paths = ComposeFile.Environment(service).Values.Where(v => v.StartsWith("/run/secrets/", StringComparison.Ordinal));
            Assert.All(paths, path => Assert.Contains(path["/run/secrets/".Length..], mounted));
            Assert.All(mounted, name => Assert.Contains(name, declared));
        }

        var example = File.ReadAllLines(Path.Combine(ComposeFile.DeployFolder(), "env.example"))
            .Where(line => line.Contains('=', StringComparison.Ordinal) && !line.StartsWith('#'))
            .Select(line => line.Split('=')[0]).ToList();
        Assert.NotEmpty(_compose.Variables);
        Assert.All(_compose.Variables, variable => Assert.Contains(variable, example));
    }

    [Fact]
    public void The_health_check_runs_the_silo_binarys_health_command_and_the_ports_are_the_silos()
    {
        foreach (var silo in Silos)
        {
            var service = _compose.Service(silo);
            var test = ComposeFile.Strings((YamlMappingNode)service["healthcheck"], "test");
            // The SDK puts the app in /app (ContainerWorkingDirectory's default); the entry assembly is the silo's.
            Assert.Equal(["CMD", "dotnet", $"/app/{typeof(StorageOptions).Assembly.GetName().Name}.dll", HealthCommand.Name], test);
            Assert.True(OperatorCli.Handles(test.Skip(3).ToArray()));
            var containerPorts = ComposeFile.Strings(service, "ports").Select(p => int.Parse(p.Split(':')[^1], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal([NetworkOptions.DefaultGrpcPort, NetworkOptions.DefaultHttpPort], containerPorts);
        }
    }
}
