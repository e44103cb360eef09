using DossierTracking.Contracts.ReferenceData;
using DossierTracking.Domain.Catalog;
using DossierTracking.Silo.Configuration;
using DossierTracking.Silo.Hosting;
using DossierTracking.Silo.Storage;

namespace DossierTracking.Silo.ReferenceData;

/// <summary>The published reference data: its settings, table, versions in force, the loader and the administrators' side.</summary>
public static class ReferenceDataComposition
{
    /// <summary>Register right after the migrations: the loader's start must run before the silo's and the web server's.</summary>
    public static IServiceCollection AddDossierReferenceData(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings(configuration, ReferenceDataOptions.Section, new ReferenceDataOptions(), new ReferenceDataOptionsValidator());
        // The provinces served, before the domain's default (the shipped catalogue's province alone) is registered.
        var shipped = ReferenceCatalog.LoadEmbedded();
        var provinces = services.AddSettings(configuration, ProvinceOptions.Section, new ProvinceOptions(), new ProvinceOptionsValidator(shipped.Province));
        services.AddSingleton(new ProvinceCatalogs(provinces.ServedOr(shipped.Province), [shipped]));
        services.AddSingleton<ReferenceDataStore>();
        services.AddSingleton<ReferenceDataInForce>();
        services.AddSingleton<CalendarCoverage>();
        services.AddSingleton<ReferenceDataAdmin>();
        services.AddSingleton<IReferenceDataAdmin>(sp => sp.GetRequiredService<ReferenceDataAdmin>());
        services.AddSingleton<ReferenceDataLoader>();
        services.AddHostedService(sp => sp.GetRequiredService<ReferenceDataLoader>());
        return services;
    }
}
