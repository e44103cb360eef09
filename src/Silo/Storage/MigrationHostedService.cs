using DossierTracking.GrpcApi.Validation;
using Microsoft.Extensions.Hosting;

namespace DossierTracking.Silo.Storage;

/// <summary>
/// Brings the schema up to date before anything else starts, then loads the deployment's shared secrets. Registered
/// ahead of the Orleans silo, whose storage providers read their query text from the <c>OrleansQuery</c> table at
/// start-up, and of the web server, so no call is served before the page-token key is known.
/// </summary>
public sealed class MigrationHostedService(SchemaMigrator migrator, ServiceSecretStore secrets, PageTokenKey pageTokenKey) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await migrator.MigrateAsync(cancellationToken);
        pageTokenKey.Set(await secrets.LoadOrCreateAsync(ServiceSecretStore.PageTokenKey, PageTokenKey.Bytes, cancellationToken));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
