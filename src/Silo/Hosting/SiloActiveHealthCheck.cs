using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DossierTracking.Silo.Hosting;

/// <summary>
/// Healthy while this silo is an active member of the Orleans cluster: not while it joins, nor once it is shutting
/// down or has been declared dead by the others (its calls would fail or be sent elsewhere).
/// </summary>
public sealed class SiloActiveHealthCheck(ISiloStatusOracle silo) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(silo.CurrentStatus == SiloStatus.Active ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("silo not active"));
}
