using DossierTracking.Grains;
using DossierTracking.IntegrationTests.Infrastructure;
using DossierTracking.Silo.Configuration;
using DossierTracking.Silo.Hosting;
using DossierTracking.Silo.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.TestingHost;

namespace DossierTracking.IntegrationTests.Cluster;

/// <summary>A two-silo in-process Orleans cluster with the real grains and storage (one SQLite file, migrated first).</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private StorageConnections _connections = null!;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var storage = new StorageOptions { DataDirectory = TestHost.NewDataDirectory() };
        _connections = StorageConnections.Create(storage);
        await new SchemaMigrator(_connections, Options.Create(storage), NullLogger<SchemaMigrator>.Instance).MigrateAsync(CancellationToken.None);

        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddDossierDomain();
            silo.AddDossierGrainStorage(_connections);
            silo.AddDossierReadModel(_connections);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await _connections.DisposeAsync();
    }
}
