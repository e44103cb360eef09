using System.Net;
using DossierTracking.Contracts.Agencies;
using DossierTracking.Contracts.Feed;
using DossierTracking.Grains;
using DossierTracking.Grains.Agencies;
using DossierTracking.Grains.Calendar;
using DossierTracking.Grains.Dossiers;
using DossierTracking.Grains.Storage;
using DossierTracking.GrpcApi;
using DossierTracking.GrpcApi.Security;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Certificate;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.IdentityModel.Tokens;
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
        var storage = Bind(builder.Configuration, StorageOptions.Section, new StorageOptions(), new StorageOptionsValidator());
        var endpoints = Bind(builder.Configuration, NetworkOptions.Section, new NetworkOptions(), new NetworkOptionsValidator());
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

        var development = builder.Environment.IsDevelopment();
        var auth = Bind(builder.Configuration, AuthOptions.Section, new AuthOptions(), new AuthOptionsValidator(development));
        builder.Services.AddSingleton(Options.Create(auth));
        AddCallerAuthentication(builder.Services, auth, auth.SigningKeys.Count > 0 ? auth.SigningKeys : [DevelopmentKey.LoadOrCreate(storage.DataDirectory)]);
        var security = new ApiSecurityOptions();
        builder.Configuration.GetSection(ApiSecurityOptions.Section).Bind(security);
        security.OpenReflection = development;
        builder.Services.AddSingleton(Options.Create(security));

        var connections = StorageConnections.Create(storage);
        builder.Services.AddSingleton(connections);
        builder.Services.AddSingleton<SchemaMigrator>();

        // Before the silo: its storage providers need the schema and their query text.
        builder.Services.AddHostedService<MigrationHostedService>();

        builder.Services.AddDossierDomain(WorkingHours.Parse(silo.WorkingHours));
        var postal = new PostalOptions();
        builder.Configuration.GetSection(PostalOptions.Section).Bind(postal);
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
        builder.UseOrleans(siloBuilder => ConfigureSilo(siloBuilder, silo, clustering, membership, connections, dashboard.Enabled.Value));
        builder.Services.AddDossierChangeFeed(connections, silo.ServiceId);
        builder.Services.AddDossierAudit(connections, Bind(builder.Configuration, AuditOptions.Section, new AuditOptions(), new AuditOptionsValidator()));

        builder.Services.AddDossierGrpcApi();
        builder.Services.AddGrpcReflection();
        builder.Services.AddGrpcHealthChecks().AddCheck<StorageHealthCheck>("storage");

        builder.WebHost.ConfigureKestrel(kestrel => ConfigureKestrel(kestrel, endpoints, acceptClientCertificates: auth.PartnerCertificates.Count > 0));
        return builder;
    }

    /// <summary>The authorization policy of the operations pages (the dashboard).</summary>
    public const string OperatorPolicy = "operator";

    /// <summary>The cookie a browser may carry an operator's token in, for the dashboard only.</summary>
    public const string DashboardCookie = "dvc_operator";

    /// <summary>
    /// Bearer tokens (JWT, HMAC-SHA256) from the configured issuer for the configured audience, signed by any of the
    /// configured keys. Who may call what is decided per RPC by <see cref="AccessInterceptor"/>.
    /// </summary>
    private static void AddCallerAuthentication(IServiceCollection services, AuthOptions auth, IReadOnlyList<SigningKey> keys)
    {
        var authentication = services.AddAuthentication(auth.PartnerCertificates.Count == 0 ? JwtBearerDefaults.AuthenticationScheme : BearerOrCertificate);
        if (auth.PartnerCertificates.Count > 0)
        {
            AddPartnerCertificates(authentication, auth.PartnerCertificates);
        }

        authentication.AddJwtBearer(o =>
        {
            o.MapInboundClaims = false;
            o.TokenHandlers.Clear();
            o.TokenHandlers.Add(new CachingTokenHandler { MapInboundClaims = false });
            o.Events = new JwtBearerEvents
            {
                // A browser cannot add a header to the dashboard's own requests: there, the operator's token may come in a
                // cookie set for the dashboard's path (README, "Who may do what").
                OnMessageReceived = context =>
                {
                    if (context.Request.Path.StartsWithSegments("/dashboard") && !context.Request.Headers.Authorization.Any()
                        && context.Request.Cookies.TryGetValue(DashboardCookie, out var token))
                    {
                        context.Token = token;
                    }

                    return Task.CompletedTask;
                },
            };
            o.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = auth.Issuer,
                ValidAudience = auth.Audience,
                IssuerSigningKeys = keys.Select(k => k.ToSecurityKey()).ToList(),
                ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                RequireExpirationTime = true,
                ClockSkew = auth.ClockSkew,
                NameClaimType = CallerClaims.Subject,
                RoleClaimType = CallerClaims.Role,
            };
        });
        services.AddAuthorization(o => o.AddPolicy(OperatorPolicy, p => p.RequireAuthenticatedUser().RequireRole(Roles.Operator)));
    }

    private const string BearerOrCertificate = "bearer-or-certificate";

    /// <summary>
    /// Partners may present a TLS client certificate instead of a token: a call with an Authorization header is
    /// judged by its token; one without, by its certificate, which must be one of the pinned thumbprints.
    /// </summary>
    private static void AddPartnerCertificates(AuthenticationBuilder authentication, IReadOnlyList<PartnerCertificate> partners)
    {
        var byThumbprint = partners.ToDictionary(p => p.NormalizedThumbprint, StringComparer.Ordinal);
        authentication.AddPolicyScheme(BearerOrCertificate, "Bearer token, or a partner's client certificate", o =>
            o.ForwardDefaultSelector = context => context.Request.Headers.Authorization.Count == 0 && context.Connection.ClientCertificate is not null
                ? CertificateAuthenticationDefaults.AuthenticationScheme
                : JwtBearerDefaults.AuthenticationScheme);
        authentication.AddCertificate(o =>
        {
            // Trust comes from the pinned thumbprint, so partners may use self-signed certificates.
            o.AllowedCertificateTypes = CertificateTypes.All;
            o.RevocationMode = System.Security.Cryptography.X509Certificates.X509RevocationMode.NoCheck;
            o.ValidateCertificateUse = false;
            o.Events = new CertificateAuthenticationEvents
            {
                OnCertificateValidated = context =>
                {
                    var thumbprint = context.ClientCertificate.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256);
                    if (byThumbprint.TryGetValue(thumbprint, out var partner))
                    {
                        context.Principal = new ClaimsPrincipal(new ClaimsIdentity(
                            [new Claim(CallerClaims.Role, partner.Role), new Claim(CallerClaims.Subject, partner.Subject)],
                            CertificateAuthenticationDefaults.AuthenticationScheme, CallerClaims.Subject, CallerClaims.Role));
                        context.Success();
                    }
                    else
                    {
                        context.Fail("This client certificate belongs to no partner.");
                    }

                    return Task.CompletedTask;
                },
            };
        });
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
            app.MapOrleansDashboard(routePrefix: "/dashboard").RequireAuthorization(OperatorPolicy);
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

    private static T Bind<T>(IConfiguration configuration, string section, T options, IValidateOptions<T> validator)
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

        var result = validator.Validate(null, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(section, typeof(T), result.Failures);
        }

        return options;
    }
}
