using DossierTracking.Silo.Configuration;
using DossierTracking.Silo.Storage;
using Grpc.HealthCheck;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DossierTracking.Silo.Hosting;

/// <summary>
/// The probes. Liveness (<see cref="LivePath"/>) asks nothing of anyone: the process answers. Readiness
/// (<see cref="ReadyPath"/>, and <see cref="LegacyPath"/> as its alias) and the standard gRPC health service ask
/// the same checks: the database answers and holds every migration (<see cref="StorageHealthCheck"/>, at most one
/// query a second), the silo is an active cluster member, and it is not draining (<see cref="SiloDrain"/>). All
/// are open without a token and answer only a status.
/// </summary>
public static class HealthComposition
{
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";
    public const string LegacyPath = "/healthz";

    private const string ReadyTag = "ready";

    /// <summary>Reads and checks <c>Health:*</c> and registers the checks, the drain and the gRPC health service.</summary>
    public static IServiceCollection AddDossierHealth(this IServiceCollection services, IConfiguration configuration, bool development)
    {
        var options = services.AddSettings(configuration, HealthOptions.Section, new HealthOptions(), new HealthOptionsValidator());
        var delay = options.ResolveDrainDelay(development);

        services.AddSingleton<StorageHealthCheck>();
        services.AddSingleton(sp => new SiloDrain(sp.GetRequiredService<IHostApplicationLifetime>(), sp.GetRequiredService<HealthServiceImpl>(), delay,
            sp.GetRequiredService<ILogger<SiloDrain>>()));
        services.AddHostedService(sp => sp.GetRequiredService<SiloDrain>());
        // The drain runs inside the host's stop: keep the silo's own time to stop on top of it.
        services.Configure<HostOptions>(o => o.ShutdownTimeout += delay);

        services.AddGrpcHealthChecks()
            .AddCheck<StorageHealthCheck>("storage", tags: [ReadyTag])
            .AddCheck<SiloActiveHealthCheck>("cluster", tags: [ReadyTag])
            .AddCheck<SiloDrain>("drain", tags: [ReadyTag]);
        return services;
    }

    /// <summary>Maps the HTTP probes and the gRPC health service.</summary>
    public static WebApplication MapDossierHealth(this WebApplication app)
    {
        app.MapGrpcHealthChecksService();
        app.MapHealthChecks(LivePath, Probe(_ => false));
        app.MapHealthChecks(ReadyPath, Probe(check => check.Tags.Contains(ReadyTag)));
        app.MapHealthChecks(LegacyPath, Probe(check => check.Tags.Contains(ReadyTag)));
        return app;
    }

    /// <summary>200 "Healthy" or 503 "Unhealthy", never which check failed or why.</summary>
    private static HealthCheckOptions Probe(Func<HealthCheckRegistration, bool> predicate) => new()
    {
        Predicate = predicate,
        ResponseWriter = (context, report) => context.Response.WriteAsync(report.Status.ToString()),
    };
}
