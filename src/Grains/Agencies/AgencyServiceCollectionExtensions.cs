using DossierTracking.Contracts.Agencies;
using DossierTracking.Domain.Agencies;
using DossierTracking.Domain.Reports;
using DossierTracking.Grains.Dossiers;
using DossierTracking.Grains.Reports;
using DossierTracking.Grains.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DossierTracking.Grains.Agencies;

public static class AgencyServiceCollectionExtensions
{
    /// <summary>
    /// The per-silo change relay (dossiers to read model and agencies) and the crash repair, both started with the
    /// silo, and the agencies' gauges (off unless the host configures <see cref="AgencyGaugeOptions"/>). The host
    /// registers the read model itself (<c>IDossierIndex</c>, <see cref="IDossierStateScan"/>).
    /// </summary>
    public static IServiceCollection AddAgencyLiveState(this IServiceCollection services)
    {
        services.TryAddSingleton<DossierChangeRelay>();
        services.TryAddSingleton<ICommittedChanges>(sp => sp.GetRequiredService<DossierChangeRelay>());
        services.TryAddSingleton<DossierIndexRepair>();
        services.TryAddSingleton<IPeriodReports, PeriodReports>();
        services.AddMetrics();
        services.AddOptions<AgencyGaugeOptions>();
        services.TryAddSingleton<DossierMetrics>();
        services.TryAddSingleton<AgencyGauges>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<DossierChangeRelay>());
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<DossierIndexRepair>());
        return services;
    }
}
