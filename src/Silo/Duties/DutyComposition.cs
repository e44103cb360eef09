using DossierTracking.Grains.Duties;

namespace DossierTracking.Silo.Duties;

/// <summary>Registers the scheduled duties' wake-up round (the sweep grain and the dossiers' rules come with the silo and the domain).</summary>
public static class DutyComposition
{
    public static IServiceCollection AddDossierDuties(this IServiceCollection services, DutyOptions options)
    {
        if (options.Enabled)
        {
            services.AddHostedService<DutySweepWaker>();
        }

        return services;
    }
}
