using DossierTracking.Contracts.Catalog;
using DossierTracking.Contracts.Dossiers;
using DossierTracking.Domain.Calendar;
using DossierTracking.Domain.Catalog;
using DossierTracking.Domain.Dossiers;
using DossierTracking.Domain.Duties;
using DossierTracking.Grains.Dossiers;
using DossierTracking.Grains.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DossierTracking.Grains;

public static class DomainServiceCollectionExtensions
{
    /// <summary>
    /// Registers the reference catalogue, the working calendar and the dossier rules as singletons, and the system
    /// clock under <see cref="DomainClock.Key"/> unless the host registered another (tests register a fake clock), and
    /// the dossiers' instruments (on the host's meter factory; exported only if the host listens).
    /// </summary>
    /// <param name="postal">The results-by-post settings the host read and checked; their defaults when none.</param>
    /// <param name="duties">The waits of the scheduled duties the host read and checked; their defaults when none.</param>
    public static IServiceCollection AddDossierDomain(this IServiceCollection services, WorkingHours? hours = null, PostalOptions? postal = null,
        DutySchedule? duties = null)
    {
        services.TryAddKeyedSingleton(DomainClock.Key, TimeProvider.System);
        // The versions in force: the shipped seed until the host loads the published ones (and swaps in each new one).
        // The host registers the provinces it serves first; without that, the shipped seed's province alone.
        services.TryAddSingleton(_ => ProvinceCatalogs.Shipped());
        services.TryAddSingleton<IProvinces>(sp => sp.GetRequiredService<ProvinceCatalogs>());
        services.TryAddSingleton(_ => new CalendarInForce(CalendarDays.From(HolidayCalendarData.LoadEmbedded())));
        services.TryAddSingleton(sp => new WorkingCalendar(sp.GetRequiredService<CalendarInForce>(), hours ?? WorkingHours.Standard));
        services.TryAddSingleton(sp => new DossierDecider(sp.GetRequiredService<WorkingCalendar>(), sp.GetRequiredService<IProvinces>()));
        services.TryAddSingleton(duties ?? DutySchedule.Default);
        services.TryAddSingleton(Microsoft.Extensions.Options.Options.Create(postal ?? new PostalOptions()));
        services.TryAddSingleton(sp => sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<PostalOptions>>().Value.ReasonTable());
        services.TryAddSingleton<LocalDossierSnapshots>();
        services.TryAddSingleton<ILocalDossierReader>(sp => sp.GetRequiredService<LocalDossierSnapshots>());
        services.AddMetrics();
        services.TryAddSingleton<DossierMetrics>();
        return services;
    }
}
