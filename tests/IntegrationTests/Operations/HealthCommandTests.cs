using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DossierTracking.IntegrationTests.Infrastructure;
using DossierTracking.Silo.Operations;
using DossierTracking.Tools;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DossierTracking.IntegrationTests.Operations;

/// <summary>
/// <c>health</c>, the container health check (deploy/compose.yaml): exit 0 only when the silo answers its probe with
/// 200, over TLS only from the silo's own certificate, with the address taken from the silo's settings.
/// </summary>
public sealed class HealthCommandTests
{
    private static async Task<(int Exit, string Output, string Error)> Run(OperatorEnvironment environment, params string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var exit = await OperatorCli.RunAsync(args, environment, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>The silo's view of its settings, as the silo binary builds it for a command.</summary>
    private static OperatorEnvironment FromSettings(IReadOnlyDictionary<string, string?> settings) =>
        OperatorEnvironments.From(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());

    [Fact]
    public async Task Exits_0_while_the_silo_is_ready_and_1_once_it_drains_while_live_stays_0()
    {
        await using var host = await TestHost.StartAsync(settings: new Dictionary<string, string?> { ["Health:DrainDelay"] = "00:00:30" });
        var environment = FromSettings(host.Settings);

        var (exit, output, error) = await Run(environment, "health");
        Assert.True(exit == 0, output + error);
        Assert.Contains($"127.0.0.1:{host.HttpPort}/health/ready: 200", output);

        // The stop an orchestrator asks for: readiness turns 503 while the silo drains, liveness does not.
        host.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        (exit, output, error) = await Run(environment, "health");
        Assert.True(exit == 1, output + error);
        Assert.Contains("503", output);
        (exit, output, error) = await Run(environment, "health", "--live");
        Assert.True(exit == 0, output + error);
    }

    [Fact]
    public async Task Exits_1_when_nothing_answers()
    {
        var environment = FromSettings(new Dictionary<string, string?> { ["Network:HttpPort"] = FreePorts.Next().ToString() });
        var (exit, _, error) = await Run(environment, "health");
        Assert.Equal(1, exit);
        Assert.Contains("no answer", error);
    }

    [Fact]
    public async Task A_wrong_address_is_a_usage_error()
    {
        var (exit, _, error) = await Run(FromSettings(new Dictionary<string, string?>()), "health", "--address", "ftp://127.0.0.1:5001");
        Assert.Equal(OperatorCli.UsageError, exit);
        Assert.Contains("--address", error);
    }

    [Fact]
    public async Task Over_TLS_it_accepts_the_silos_own_certificate_whatever_its_name_and_no_other()
    {
        var folder = TestHost.NewDataDirectory();
        var served = Path.Combine(folder, "silo.pfx");
        var other = Path.Combine(folder, "other.pfx");
        // Named for another host, as a deployment's certificate is: the pin, not the name, is what counts.
        await File.WriteAllBytesAsync(served, SelfSigned("CN=silo.example.internal"));
        await File.WriteAllBytesAsync(other, SelfSigned("CN=silo.example.internal"));
        await using var host = await TestHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Network:CertificatePath"] = served,
            ["Network:CertificatePassword"] = "pfx-pass",
        });

        var (exit, output, error) = await Run(FromSettings(host.Settings), "health");
        Assert.True(exit == 0, output + error);
        Assert.Contains($"https://127.0.0.1:{host.HttpPort}/health/ready: 200", output);

        // Settings naming another certificate: the silo's is refused.
        var elsewhere = new Dictionary<string, string?>(host.Settings) { ["Network:CertificatePath"] = other };
        (exit, _, error) = await Run(FromSettings(elsewhere), "health");
        Assert.Equal(1, exit);
        Assert.Contains("no answer", error);
    }

    private static byte[] SelfSigned(string subject)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return certificate.Export(X509ContentType.Pfx, "pfx-pass");
    }
}
