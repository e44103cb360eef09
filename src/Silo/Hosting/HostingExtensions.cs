using DossierTracking.Contracts.Documents;
using DossierTracking.Domain.Calendar;
using DossierTracking.Grains;
using DossierTracking.Grains.Dossiers;
using DossierTracking.GrpcApi;
using DossierTracking.GrpcApi.Security;
using DossierTracking.Silo.Audit;
using DossierTracking.Silo.Configuration;
using DossierTracking.Silo.Diagnostics;
using DossierTracking.Silo.Documents;
using DossierTracking.Silo.ProvincePage;
using DossierTracking.Silo.ReferenceData;
using DossierTracking.Silo.Storage;
using DossierTracking.Silo.Webhooks;
using DossierTracking.Grains.Webhooks;
using DossierTracking.Grains.Streams;
using DossierTracking.Silo.Streams;
using DossierTracking.Grains.Notifications;
using DossierTracking.Silo.Notifications;
using DossierTracking.Grains.Duties;
using DossierTracking.Silo.Duties;
using Microsoft.Extensions.Options;
using Orleans.Dashboard;

namespace DossierTracking.Silo.Hosting;

/// <summary>The composition of the host: configuration, storage, the silo, the gRPC API, health and dashboard.</summary>
public static class HostingExtensions
{
    /// <summary>Reads and validates the settings, then registers everything. Throws <see cref="OptionsValidationException"/> naming the bad setting.</summary>
    public static WebApplicationBuilder AddDossierTracking(this WebApplicationBuilder builder)
    {
        var (configuration, services) = (builder.Configuration, builder.Services);
        var development = builder.Environment.IsDevelopment();
        var storage = services.AddSettings(configuration, StorageOptions.Section, new StorageOptions(), new StorageOptionsValidator());
        var endpoints = services.AddSettings(configuration, NetworkOptions.Section, new NetworkOptions(), new DevelopmentModeValidator(development), new NetworkOptionsValidator());
        var silo = services.AddSettings(configuration, SiloHostOptions.Section, new SiloHostOptions(), new SiloHostOptionsValidator());
        services.AddSettings(configuration, ChangeFeedOptions.Section, new ChangeFeedOptions(), new ChangeFeedOptionsValidator());
        services.AddSettings(configuration, DiagnosticsOptions.Section, new DiagnosticsOptions());
        var dashboard = services.AddSettings(configuration, OperatorDashboardOptions.Section, new OperatorDashboardOptions());
        var postal = Settings.Bind(configuration, PostalOptions.Section, new PostalOptions(), new PostalOptionsValidator());
        var audit = Settings.Bind(configuration, AuditOptions.Section, new AuditOptions(), new AuditOptionsValidator());
        var webhooks = services.AddSettings(configuration, WebhookOptions.Section, new WebhookOptions(), new WebhookOptionsValidator());
        var streams = services.AddSettings(configuration, FeedStreamOptions.Section, new FeedStreamOptions(), new FeedStreamOptionsValidator());
        var notifications = services.AddSettings(configuration, NotificationOptions.Section, new NotificationOptions(), new NotificationOptionsValidator());
        var duties = services.AddSettings(configuration, DutyOptions.Section, new DutyOptions(), new DutyOptionsValidator());

        var auth = services.AddSettings(configuration, AuthOptions.Section, new AuthOptions(), new AuthOptionsValidator(development));
        services.AddCallerAuthentication(auth, development, storage.DataDirectory);
        var security = Settings.Bind(configuration, ApiSecurityOptions.Section, new ApiSecurityOptions(), new ApiSecurityOptionsValidator());
        security.OpenReflection = development;
        services.AddSingleton(Options.Create(security));

        var connections = StorageConnections.Create(storage);
        services.AddSingleton(connections);
        services.AddSingleton<SchemaMigrator>();
        services.AddSingleton<ServiceSecretStore>();

        // Before the silo: its storage providers need the schema and their query text.
        services.AddHostedService<MigrationHostedService>();
        // Then the published catalogue and calendar, before any dossier is decided.
        services.AddDossierReferenceData(configuration);

        services.AddDossierDomain(WorkingHours.Parse(silo.WorkingHours), postal, duties.Schedule());
        services.Insert(0, ServiceDescriptor.Singleton<IGrainInterfaceTypeProvider, CachedGrainInterfaceTypeProvider>());
        builder.AddDossierSilo(silo, storage, connections, dashboard.Enabled);
        builder.AddDossierTelemetry(silo);
        services.AddDossierChangeFeed(connections, silo.ServiceId);
        services.AddDossierAudit(connections, audit);
        services.AddDossierWebhooks(webhooks);
        builder.AddDossierStreams(streams);
        services.AddDossierNotifications(notifications);
        services.AddDossierDuties(duties);
        services.AddDossierDocuments(storage, Settings.Bind(configuration, DocumentOptions.Section, new DocumentOptions(), new DocumentOptionsValidator()));

        services.AddDossierGrpcApi();
        services.AddDossierRest(configuration);
        services.AddGrpcReflection();
        services.AddDossierHealth(configuration, development);
        services.AddProvincePage(configuration);
        services.AddDossierForwardedHeaders(endpoints, configuration);
        builder.Logging.AddDossierLogFormats(configuration);

        builder.WebHost.ConfigureKestrel(kestrel => Transport.Configure(kestrel, endpoints, acceptClientCertificates: auth.PartnerCertificates.Count > 0));
        return builder;
    }

    public static WebApplication MapDossierTracking(this WebApplication app)
    {
        app.UseDossierForwardedHeaders();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapDossierGrpcApi();
        app.MapDossierRest();
        app.MapGrpcReflectionService();
        app.MapDossierHealth();
        app.MapDossierTelemetry();
        if (app.Services.GetRequiredService<IOptions<OperatorDashboardOptions>>().Value.Enabled)
        {
            app.MapOrleansDashboard(routePrefix: DashboardLogin.Prefix).RequireAuthorization(CallerAuthentication.OperatorPolicy);
            app.MapDashboardLogin();
        }

        app.MapProvincePage();
        if (app.Services.GetRequiredService<IOptions<DiagnosticsOptions>>().Value.EnableProbe)
        {
            app.MapGrpcService<ProbeApiService>();
        }

        return app;
    }


}
