using System.Net;
using DossierTracking.Contracts.Agencies;
using DossierTracking.Contracts.Feed;
using DossierTracking.Grains.Agencies;
using DossierTracking.Grains.Dossiers;
using DossierTracking.Grains.Storage;
using DossierTracking.Grains.Streams;
using DossierTracking.Silo.Configuration;
using DossierTracking.Silo.Feed;
using DossierTracking.Silo.Operations;
using DossierTracking.Silo.Storage;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;

namespace DossierTracking.Silo.Hosting;

/// <summary>The Orleans silo: clustering, its security, grain storage, the read model and agencies, the change feed.</summary>
public static class SiloComposition
{
    /// <summary>The silo of this host, with the clustering its storage allows and the cluster's transport security.</summary>
    public static WebApplicationBuilder AddDossierSilo(this WebApplicationBuilder builder, SiloHostOptions silo, StorageOptions storage,
        StorageConnections connections, bool dashboard)
    {
        var clustering = silo.Clustering == ClusteringMode.Auto
            ? storage.Provider == StorageBackend.PostgreSql ? ClusteringMode.AdoNet : ClusteringMode.Localhost
            : silo.Clustering;
        if (clustering == ClusteringMode.AdoNet && storage.Provider != StorageBackend.PostgreSql)
        {
            throw new OptionsValidationException(SiloHostOptions.Section, typeof(SiloHostOptions),
                ["Silo:Clustering=AdoNet keeps membership in PostgreSQL: set Storage:Provider=PostgreSql (SQLite runs a single silo)."]);
        }

        if (clustering == ClusteringMode.AdoNet)
        {
            // Before the cluster TLS rule, which then judges the address found.
            silo.AdvertisedAddress = AdvertisedAddress.Resolve(silo.AdvertisedAddress);
        }

        var membership = builder.Configuration.GetSection(SiloHostOptions.Section + ":Membership");
        var clusterSecurity = ClusterSecurity.Load(builder.Configuration, silo, clustering);
        builder.UseOrleans(siloBuilder =>
        {
            ConfigureSilo(siloBuilder, silo, clustering, membership, connections, dashboard);
            siloBuilder.UseClusterSecurity(clusterSecurity);
        });
        return builder;
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
            silo.AddOperatorDashboard();
        }
    }

    /// <summary>
    /// The grain storage of dossiers: the Orleans ADO.NET provider on the project's own schema, and beside it the
    /// submissions' one write (<see cref="SubmissionStore"/>) on the same rows.
    /// </summary>
    public static ISiloBuilder AddDossierGrainStorage(this ISiloBuilder silo, StorageConnections connections)
    {
        silo.Services.AddSingleton<IDossierSubmissions>(sp => new SubmissionStore(connections, sp.GetRequiredService<Serializer>(),
            sp.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId));
        return silo.AddAdoNetGrainStorage(StorageNames.Dossiers, optionsBuilder => optionsBuilder.Configure<Serializer>((o, serializer) =>
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
    }

    /// <summary>The read model in the same database, the change relay that feeds it and the agencies, and its crash repair.</summary>
    public static ISiloBuilder AddDossierReadModel(this ISiloBuilder silo, StorageConnections connections)
    {
        silo.Services.AddSingleton(_ => new DossierIndexStore(connections));
        silo.Services.AddSingleton<IDossierIndex>(sp => sp.GetRequiredService<DossierIndexStore>());
        silo.Services.AddSingleton<IDossierStateScan>(sp => sp.GetRequiredService<DossierIndexStore>());
        silo.Services.AddSingleton<DossierTracking.Contracts.Postal.IShipmentIndex>(sp => sp.GetRequiredService<DossierIndexStore>());
        silo.Services.AddSingleton<DossierTracking.Contracts.Duties.IDutyIndex>(sp => sp.GetRequiredService<DossierIndexStore>());
        silo.Services.AddAgencyLiveState();
        silo.Services.AddSingleton<IAgencyRecount, AgencyRecount>();
        return silo;
    }

    /// <summary>
    /// The change feed: its reader, its retention, and on PostgreSQL the sequencer that gives captured changes their positions
    /// (registered after the migrations and the silo, so it starts after them and stops first).
    /// </summary>
    public static IServiceCollection AddDossierChangeFeed(this IServiceCollection services, StorageConnections connections, string serviceId)
    {
        services.AddSingleton<IChangeFeed>(sp => new ChangeFeedStore(connections, sp.GetRequiredService<Serializer>(), serviceId));
        services.AddSingleton(sp => new FeedRetention(connections, sp.GetRequiredService<IGrainFactory>(), sp.GetRequiredService<IOptions<ChangeFeedOptions>>(),
            TimeProvider.System, sp.GetRequiredService<ILogger<FeedRetention>>(), sp.GetRequiredService<IOptions<FeedStreamOptions>>().Value.Enabled,
            holdForNotifications: sp.GetService<IOptions<Grains.Notifications.NotificationOptions>>()?.Value.Enabled ?? false));
        services.AddHostedService(sp => sp.GetRequiredService<FeedRetention>());
        if (connections.ReadModelPostgreSql is { } dataSource)
        {
            services.AddSingleton<ChangeFeedMetrics>();
            services.AddHostedService(sp => new ChangeFeedSequencer(dataSource, sp.GetRequiredService<IOptions<ChangeFeedOptions>>(),
                sp.GetRequiredService<ILogger<ChangeFeedSequencer>>(), sp.GetRequiredService<ChangeFeedMetrics>()));
        }

        return services;
    }
}
