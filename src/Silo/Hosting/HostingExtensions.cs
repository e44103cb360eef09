using System.Net;
using DossierTracking.Contracts.Agencies;
using DossierTracking.Contracts.Feed;
using DossierTracking.Grains;
using DossierTracking.Domain.Agencies;
using DossierTracking.Grains.Agencies;
using DossierTracking.Domain.Calendar;
using DossierTracking.Domain.Dossiers;
using DossierTracking.Grains.Dossiers;
using DossierTracking.Grains.Storage;
using DossierTracking.GrpcApi;
using DossierTracking.GrpcApi.Security;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using DossierTracking.Silo.Audit;
using DossierTracking.Silo.Configuration;
using DossierTracking.Silo.Diagnostics;
using DossierTracking.Silo.Feed;
using DossierTracking.Silo.Operations;
using DossierTracking.Silo.Storage;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Serialization;
using Orleans.Storage;

namespace DossierTracking.Silo.Hosting;

/// <summary>The composition of the host: configuration, storage, the silo, the gRPC API, health and dashboard.</summary>
public static class HostingExtensions
{
    /// <summary>Reads and validates the settings, then registers everything. Throws <see cref="OptionsValidationException"/> naming the bad setting.</summary>
    public static WebApplicationBuilder AddDossierTracking(this WebApplicationBuilder builder)
    {
        var development = builder.Environment.IsDevelopment();
        var storage = Bind(builder.Configuration, StorageOptions.Section, new StorageOptions(), new StorageOptionsValidator());
        var endpoints = Bind(builder.Configuration, NetworkOptions.Section, new NetworkOptions(), new DevelopmentModeValidator(development), new NetworkOptionsValidator());
        var silo = Bind(builder.Configuration, SiloHostOptions.Section, new SiloHostOptions(), new SiloHostOptionsValidator());
        var feed = Bind(builder.Configuration, ChangeFeedOptions.Section, new ChangeFeedOptions(), new ChangeFeedOptionsValidator());
        var diagnostics = new DiagnosticsOptions();
        builder.Configuration.GetSection(DiagnosticsOptions.Section).Bind(diagnostics);
        builder.Services.AddSingleton(Options.Create(diagnostics));
        var dashboard = new OperatorDashboardOptions();
        builder.Configuration.GetSection(OperatorDashboardOptions.Section).Bind(dashboard);
        dashboard.Enabled = dashboard.IsEnabled(storage.Provider);
        builder.Services.AddSingleton(Options.Create(dashboard));
        builder.Services.AddSingleton(Options.Create(storage));
        builder.Services.AddSingleton(Options.Create(endpoints));
        builder.Services.AddSingleton(Options.Create(silo));
        builder.Services.AddSingleton(Options.Create(feed));

        var auth = Bind(builder.Configuration, AuthOptions.Section, new AuthOptions(), new AuthOptionsValidator(development));
        builder.Services.AddSingleton(Options.Create(auth));
        builder.Services.AddCallerAuthentication(auth, development, storage.DataDirectory);
        var security = new ApiSecurityOptions();
        builder.Configuration.GetSection(ApiSecurityOptions.Section).Bind(security);
        security.OpenReflection = development;
        builder.Services.AddSingleton(Options.Create(security));

        var connections = StorageConnections.Create(storage);
        builder.Services.AddSingleton(connections);
        builder.Services.AddSingleton<SchemaMigrator>();
        builder.Services.AddSingleton<ServiceSecretStore>();

        // Before the silo: its storage providers need the schema and their query text.
        builder.Services.AddHostedService<MigrationHostedService>();

        builder.Services.AddDossierDomain(WorkingHours.Parse(silo.WorkingHours));
        var postal = new PostalOptions();
        builder.Configuration.GetSection(PostalOptions.Section).Bind(postal);
        if (string.IsNullOrWhiteSpace(postal.DefaultCarrier))
        {
            throw new OptionsValidationException(PostalOptions.Section, typeof(PostalOptions),
                ["Postal:DefaultCarrier must name the postal operator (its partner code) that carries results when the desk names none."]);
        }

        builder.Services.AddSingleton(Options.Create(postal));
        builder.Services.Insert(0, ServiceDescriptor.Singleton<IGrainInterfaceTypeProvider, CachedGrainInterfaceTypeProvider>());
        var clustering = silo.Clustering == ClusteringMode.Auto
            ? storage.Provider == StorageBackend.PostgreSql ? ClusteringMode.AdoNet : ClusteringMode.Localhost
            : silo.Clustering;
        if (clustering == ClusteringMode.AdoNet && storage.Provider != StorageBackend.PostgreSql)
        {
            throw new OptionsValidationException(SiloHostOptions.Section, typeof(SiloHostOptions),
                ["Silo:Clustering=AdoNet keeps membership in PostgreSQL: set Storage:Provider=PostgreSql (SQLite runs a single silo)."]);
        }

        var membership = builder.Configuration.GetSection(SiloHostOptions.Section + ":Membership");
        var clusterSecurity = ClusterSecurity.Load(builder.Configuration, silo, clustering);
        builder.UseOrleans(siloBuilder =>
        {
            ConfigureSilo(siloBuilder, silo, clustering, membership, connections, dashboard.Enabled.Value);
            siloBuilder.UseClusterSecurity(clusterSecurity);
        });
        builder.Services.AddDossierChangeFeed(connections, silo.ServiceId);
        builder.Services.AddDossierAudit(connections, Bind(builder.Configuration, AuditOptions.Section, new AuditOptions(), new AuditOptionsValidator()));

        builder.Services.AddDossierGrpcApi();
        builder.Services.AddGrpcReflection();
        builder.Services.AddGrpcHealthChecks().AddCheck<StorageHealthCheck>("storage");

        builder.WebHost.ConfigureKestrel(kestrel => ConfigureKestrel(kestrel, endpoints, acceptClientCertificates: auth.PartnerCertificates.Count > 0));
        return builder;
    }

    public static WebApplication MapDossierTracking(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapDossierGrpcApi();
        app.MapGrpcReflectionService();
        app.MapGrpcHealthChecksService();
        app.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = (context, report) => context.Response.WriteAsync(report.Status.ToString()) });
        if (app.Services.GetRequiredService<IOptions<OperatorDashboardOptions>>().Value.Enabled == true)
        {
            app.MapOrleansDashboard(routePrefix: DashboardLogin.Prefix).RequireAuthorization(CallerAuthentication.OperatorPolicy);
            app.MapDashboardLogin();
        }

        if (app.Services.GetRequiredService<IOptions<DiagnosticsOptions>>().Value.EnableProbe)
        {
            app.MapGrpcService<ProbeApiService>();
        }

        return app;
    }

    private static void ConfigureSilo(ISiloBuilder silo, SiloHostOptions options, ClusteringMode clustering, IConfiguration membership,
        StorageConnections connections, bool dashboard)
    {
        if (clustering == ClusteringMode.Localhost)
        {
            silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort, serviceId: options.ServiceId, clusterId: options.ClusterId);
        }
        else
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ServiceId = options.ServiceId;
                o.ClusterId = options.ClusterId;
            });
            silo.ConfigureEndpoints(IPAddress.Parse(options.AdvertisedAddress), options.SiloPort, options.GatewayPort);
            silo.UseAdoNetClustering(o =>
            {
                o.Invariant = connections.Invariant;
                o.DataSource = connections.PostgreSql;
            });
        }

        // Failure-detection timings (Silo:Membership:ProbeTimeout, NumMissedProbesLimit, ...): Orleans' defaults unless set.
        silo.Configure<ClusterMembershipOptions>(membership);
        silo.Configure<GrainCollectionOptions>(o => o.CollectionAge = options.GrainCollectionAge);
        silo.AddDossierGrainStorage(connections);
        silo.AddDossierReadModel(connections);
        if (dashboard)
        {
            silo.AddDashboard();
        }
    }

    /// <summary>The grain storage of dossiers: the Orleans ADO.NET provider on the project's own schema.</summary>
    public static ISiloBuilder AddDossierGrainStorage(this ISiloBuilder silo, StorageConnections connections) =>
        silo.AddAdoNetGrainStorage(StorageNames.Dossiers, optionsBuilder => optionsBuilder.Configure<Serializer>((o, serializer) =>
        {
            o.Invariant = connections.Invariant;
            if (connections.PostgreSql is { } dataSource)
            {
                o.DataSource = dataSource;
            }
            else
            {
                o.ConnectionString = connections.SqliteConnectionString;
            }

            // Orleans' binary format: compact, fast, and version-tolerant through the [Id] numbers of the state types.
            o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
        }));

    /// <summary>The read model in the same database, the change relay that feeds it and the agencies, and its crash repair.</summary>
    public static ISiloBuilder AddDossierReadModel(this ISiloBuilder silo, StorageConnections connections)
    {
        silo.Services.AddSingleton(_ => new DossierIndexStore(connections));
        silo.Services.AddSingleton<IDossierIndex>(sp => sp.GetRequiredService<DossierIndexStore>());
        silo.Services.AddSingleton<IDossierStateScan>(sp => sp.GetRequiredService<DossierIndexStore>());
        silo.Services.AddAgencyLiveState();
        silo.Services.AddSingleton<IAgencyRecount, AgencyRecount>();
        return silo;
    }

    /// <summary>
    /// The change feed: its reader, and on PostgreSQL the sequencer that gives captured changes their positions
    /// (registered after the migrations and the silo, so it starts after them and stops first).
    /// </summary>
    public static IServiceCollection AddDossierChangeFeed(this IServiceCollection services, StorageConnections connections, string serviceId)
    {
        services.AddSingleton<IChangeFeed>(sp => new ChangeFeedStore(connections, sp.GetRequiredService<Serializer>(), serviceId));
        if (connections.ReadModelPostgreSql is { } dataSource)
        {
            services.AddHostedService(sp => new ChangeFeedSequencer(
                dataSource, sp.GetRequiredService<IOptions<ChangeFeedOptions>>(), sp.GetRequiredService<ILogger<ChangeFeedSequencer>>()));
        }

        return services;
    }

    private static void ConfigureKestrel(KestrelServerOptions kestrel, NetworkOptions options, bool acceptClientCertificates)
    {
        var address = IPAddress.Parse(options.BindAddress);
        kestrel.Listen(address, options.GrpcPort, listen =>
        {
            listen.Protocols = HttpProtocols.Http2;
            UseTls(listen, options, acceptClientCertificates);
        });
        kestrel.Listen(address, options.HttpPort, listen =>
        {
            // Browsers and curl: HTTP/1.1 in plaintext, with HTTP/2 negotiated when TLS is on.
            listen.Protocols = string.IsNullOrWhiteSpace(options.CertificatePath) ? HttpProtocols.Http1 : HttpProtocols.Http1AndHttp2;
            UseTls(listen, options);
        });
    }

    private static void UseTls(ListenOptions listen, NetworkOptions options, bool acceptClientCertificates = false)
    {
        if (!string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            listen.UseHttps(options.CertificatePath, options.CertificatePassword, https =>
            {
                if (acceptClientCertificates)
                {
                    // Asked for, not required (portals and officers come with tokens); which certificate means whom is
                    // decided by authentication against the pinned thumbprints, so TLS itself accepts any.
                    https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
                    https.AllowAnyClientCertificate();
                }
            });
        }
    }

    private static T Bind<T>(IConfiguration configuration, string section, T options, params IValidateOptions<T>[] validators)
        where T : class
    {
        try
        {
            configuration.GetSection(section).Bind(options);
        }
        catch (InvalidOperationException e)
        {
            throw new OptionsValidationException(section, typeof(T), [$"{section}: {e.Message}"]);
        }

        foreach (var validator in validators)
        {
            var result = validator.Validate(null, options);
            if (result.Failed)
            {
                throw new OptionsValidationException(section, typeof(T), result.Failures);
            }
        }

        return options;
    }
}
