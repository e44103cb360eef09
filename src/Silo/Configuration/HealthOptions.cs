namespace DossierTracking.Silo.Configuration;

/// <summary>The probes and how the silo leaves a load balancer. Section <c>Health</c>.</summary>
public sealed class HealthOptions
{
    public const string Section = "Health";

    /// <summary>The drain delay outside Development: long enough for a load balancer probing every few seconds to notice.</summary>
    public static readonly TimeSpan DefaultDrainDelay = TimeSpan.FromSeconds(5);

    /// <summary>The longest drain delay accepted: the whole stop must fit in an orchestrator's grace period.</summary>
    public static readonly TimeSpan MaxDrainDelay = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a stopping silo keeps serving while its readiness probe and gRPC health already answer "not
    /// serving", so that a load balancer stops sending it calls before it stops listening. Unset:
    /// <see cref="DefaultDrainDelay"/>, or none in Development (a developer's Ctrl+C stops at once).
    /// </summary>
    public TimeSpan? DrainDelay { get; set; }

    public TimeSpan ResolveDrainDelay(bool development) => DrainDelay ?? (development ? TimeSpan.Zero : DefaultDrainDelay);
}
