using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DossierTracking.Silo.Storage;

/// <summary>Healthy when the database answers a trivial query within two seconds. Reveals nothing else.</summary>
public sealed class StorageHealthCheck(StorageConnections connections) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            await using var connection = await connections.OpenAsync(timeout.Token);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            await command.ExecuteScalarAsync(timeout.Token);
            return HealthCheckResult.Healthy();
        }
        catch (Exception)
        {
            return HealthCheckResult.Unhealthy("storage unreachable");
        }
    }
}
