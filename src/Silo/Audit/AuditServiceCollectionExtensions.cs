using DossierTracking.Contracts.Audit;
using DossierTracking.Silo.Configuration;
using DossierTracking.Silo.Storage;
using Microsoft.Extensions.Options;

namespace DossierTracking.Silo.Audit;

public static class AuditServiceCollectionExtensions
{
    /// <summary>
    /// The stored audit trail: the store and its reader, the batching writer behind <see cref="IAuditSink"/>, and the
    /// partition and retention maintenance. Register after the migrations, so that both start after the schema is in
    /// place (the maintenance first, so that this month's partitions exist before the first insert); the writer stops,
    /// flushing, after the gRPC server has finished its calls.
    /// </summary>
    public static IServiceCollection AddDossierAudit(this IServiceCollection services, StorageConnections connections, AuditOptions options)
    {
        services.AddSingleton(Options.Create(options));
        services.AddSingleton(new AuditStore(connections));
        services.AddSingleton<IAuditReader>(sp => sp.GetRequiredService<AuditStore>());
        services.AddSingleton(new AuditPartitions(connections));
        services.AddSingleton<AuditWriter>();
        services.AddSingleton<IAuditSink>(sp => sp.GetRequiredService<AuditWriter>());
        services.AddHostedService<AuditMaintenanceService>();
        services.AddHostedService(sp => sp.GetRequiredService<AuditWriter>());
        return services;
    }
}
