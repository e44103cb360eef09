using Microsoft.Extensions.Hosting;
using Orleans.Dashboard;

namespace DossierTracking.Silo.Hosting;

/// <summary>
/// The Orleans dashboard on the silo, with its counters fed by <see cref="DashboardCounterFeed"/> instead of its own
/// feed. Its endpoints are mapped under <see cref="DashboardLogin.Prefix"/> for operators only (<see cref="HostingExtensions"/>).
/// </summary>
/// <remarks>
/// The dashboard offers no setting for its feed, so this leans on how Orleans.Dashboard 10.4.2 registers it:
/// <c>AddDashboard</c> starts its feed from its internal <c>DashboardHost</c> and adds that host only when none is
/// registered yet. Registering the host first, as a hosted service only, keeps what the host does at start (activating
/// the dashboard's grain, telling it the versions) and leaves its feed out. The types are found by name and a
/// missing one stops start-up; <c>DashboardTests</c> fails if the dashboard's own feed comes back after an upgrade.
/// </remarks>
public static class DashboardComposition
{
    /// <summary>The dashboard's exporter of counters to its per-silo grain service.</summary>
    internal static Type CounterExporterType => DashboardType("Orleans.Dashboard.Implementation.DashboardTelemetryExporter");

    public static ISiloBuilder AddOperatorDashboard(this ISiloBuilder silo)
    {
        var host = DashboardType("Orleans.Dashboard.DashboardHost");
        _ = CounterExporterType;
        silo.Services.AddSingleton(host);
        silo.Services.AddSingleton(sp => (IHostedService)sp.GetRequiredService(host));
        silo.AddDashboard();
        silo.Services.AddSingleton<DashboardCounterFeed>();
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<DashboardCounterFeed>());
        return silo;
    }

    private static Type DashboardType(string name) =>
        typeof(DashboardOptions).Assembly.GetType(name)
        ?? throw new InvalidOperationException($"{name} is not in {typeof(DashboardOptions).Assembly.GetName()}: Orleans.Dashboard changed. "
            + "Check how AddDashboard registers its metrics feed and update DashboardComposition, or set Dashboard:Enabled=false.");
}
