using DossierTracking.Silo.Configuration;
using Grpc.Health.V1;
using Grpc.HealthCheck;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DossierTracking.Silo.Hosting;

/// <summary>
/// Leaving the load balancer before leaving the network. When the host is asked to stop (SIGTERM, Ctrl+C, a
/// graceful stop), the silo first says it is draining: readiness answers 503 and the gRPC health service
/// NOT_SERVING, watchers included. It then keeps serving for <see cref="HealthOptions.DrainDelay"/> so that a load
/// balancer probing it stops sending calls, and only then does the web server stop listening and the Orleans silo
/// hand its grains over. As a health check it is healthy until the drain begins.
/// </summary>
public sealed partial class SiloDrain(IHostApplicationLifetime lifetime, HealthServiceImpl grpcHealth, TimeSpan delay, ILogger<SiloDrain> logger)
    : IHostedLifecycleService, IHealthCheck
{
    private int _draining;

    public bool Draining => Volatile.Read(ref _draining) == 1;

    Task<HealthCheckResult> IHealthCheck.CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken) =>
        Task.FromResult(Draining ? HealthCheckResult.Unhealthy("draining") : HealthCheckResult.Healthy());

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        // A signal (SIGTERM, Ctrl+C) raises ApplicationStopping before the host stops its services.
        lifetime.ApplicationStopping.Register(Begin);
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs before any service stops (the web server among them): says so, then keeps serving for the delay.</summary>
    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        Begin();
        try
        {
            await Task.Delay(delay, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The host's shutdown timeout ran out: stop now.
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Begin()
    {
        if (Interlocked.Exchange(ref _draining, 1) == 0)
        {
            grpcHealth.SetStatus("", HealthCheckResponse.Types.ServingStatus.NotServing);
            if (delay > TimeSpan.Zero)
            {
                LogDraining(delay);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Draining: readiness answers 503 and gRPC health NOT_SERVING; serving on for {Delay} before stopping")]
    private partial void LogDraining(TimeSpan delay);
}
