using System.Security.Cryptography.X509Certificates;
using DossierTracking.GrpcApi.V1;
using DossierTracking.IntegrationTests.Infrastructure;
using Npgsql;
using Xunit.Abstractions;

namespace DossierTracking.IntegrationTests.Cluster;

/// <summary>Two silo processes on PostgreSQL membership whose silo-to-silo traffic runs over mutual TLS with the cluster certificate.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ClusterTlsTests(PostgresFixture postgres, ITestOutputHelper output)
{
    private static readonly TimeSpan StartupLimit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Two_silos_with_cluster_TLS_form_one_cluster_and_serve_each_others_dossiers()
    {
        using var certificate = ClusterCertificates.Create();
        var (environment, connectionString, clusterId) = await ClusterEnvironmentAsync(certificate);
        await using var first = await SiloProcess.StartAsync(environment, StartupLimit);
        await using var second = await SiloProcess.StartAsync(environment, StartupLimit);

        try
        {
            // One cluster: both silos are active members (the second could join only through TLS to the first).
            var members = 0;
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while ((members = await ActiveMembersAsync(connectionString, clusterId)) < 2 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }

            Assert.Equal(2, members);

            // Dossiers created through one silo are read through the other, both ways: calls cross between the silos.
            foreach (var (writer, reader) in new[] { (first, second), (second, first) })
            {
                for (var i = 0; i < 10; i++)
                {
                    var submitted = await writer.Dossiers.SubmitDossierAsync(Requests.Submit(), deadline: DateTime.UtcNow.AddSeconds(30));
                    var read = await reader.Dossiers.GetDossierAsync(new GetDossierRequest { ReceiptCode = submitted.ReceiptCode }, deadline: DateTime.UtcNow.AddSeconds(30));
                    Assert.Equal(submitted.ReceiptCode, read.ReceiptCode);
                    Assert.Equal(DossierState.Submitted, read.State);
                    Assert.Equal(submitted.Version, read.Version);
                }
            }

            // The Orleans gateway is closed by default on both.
            foreach (var silo in new[] { first, second })
            {
                Assert.False(await OrleansPorts.AcceptsConnectionAsync(silo.Ports.Gateway), $"gateway port {silo.Ports.Gateway} is listening");
            }
        }
        catch
        {
            output.WriteLine($"first silo:\n{first.Output}\nsecond silo:\n{second.Output}");
            throw;
        }
    }

    [Fact]
    public async Task A_silo_whose_certificate_is_not_pinned_cannot_join_the_cluster()
    {
        using var certificate = ClusterCertificates.Create();
        using var foreign = ClusterCertificates.Create();
        var (environment, connectionString, clusterId) = await ClusterEnvironmentAsync(certificate);
        await using var member = await SiloProcess.StartAsync(environment, StartupLimit);

        // Same database, cluster id and certificate name, but another certificate. It gives up joining after 20 s.
        var intruder = new Dictionary<string, string>(environment)
        {
            ["Silo__Tls__CertificatePath"] = ClusterCertificates.WritePfx(foreign),
            ["Silo__Membership__MaxJoinAttemptTime"] = "00:00:20",
        };
        var refused = await Assert.ThrowsAnyAsync<Exception>(async () => await (await SiloProcess.StartAsync(intruder, TimeSpan.FromSeconds(90))).DisposeAsync());
        output.WriteLine(refused.Message);

        // Both sides refused the other's certificate, and the cluster still has its one member, which serves.
        Assert.Contains("rejected by the provided RemoteCertificateValidationCallback", refused.Message);
        Assert.Contains("rejected by the provided RemoteCertificateValidationCallback", member.Output);
        Assert.Equal(1, await ActiveMembersAsync(connectionString, clusterId));
        var submitted = await member.Dossiers.SubmitDossierAsync(Requests.Submit(), deadline: DateTime.UtcNow.AddSeconds(30));
        Assert.False(string.IsNullOrEmpty(submitted.ReceiptCode));
    }

    /// <summary>Silo processes on a fresh database with AdoNet clustering and the given cluster certificate, all on loopback.</summary>
    private async Task<(Dictionary<string, string> Environment, string ConnectionString, string ClusterId)> ClusterEnvironmentAsync(X509Certificate2 certificate)
    {
        var settings = await postgres.NewDatabaseSettingsAsync();
        var connectionString = settings["Storage:ConnectionString"]!;
        var clusterId = "tls-" + Guid.NewGuid().ToString("N")[..8];
        var environment = new Dictionary<string, string>
        {
            ["Storage__Provider"] = "PostgreSql",
            ["Storage__ConnectionString"] = connectionString,
            ["Silo__Clustering"] = "AdoNet",
            ["Silo__ClusterId"] = clusterId,
            ["Silo__Tls__CertificatePath"] = ClusterCertificates.WritePfx(certificate),
            ["Silo__Tls__CertificatePassword"] = ClusterCertificates.Password,
            ["Logging__LogLevel__Default"] = "Warning",
        };
        return (environment, connectionString, clusterId);
    }

    private static async Task<int> ActiveMembersAsync(string connectionString, string clusterId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM dvc_cluster_member WHERE cluster_id = @cluster AND status = 3", connection);
        command.Parameters.AddWithValue("cluster", clusterId);
        return Convert.ToInt32(await command.ExecuteScalarAsync());
    }
}
