using Microsoft.Extensions.Hosting;

namespace DossierTracking.Silo.Storage;

/// <summary>
/// Brings the schema up to date before anything else starts. Registered ahead of the Orleans silo, whose storage
/// providers read their query text from the <c>OrleansQuery</c> table at start-up.
/// </summary>
public sealed class MigrationHostedService(SchemaMigrator migrator) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => migrator.MigrateAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
