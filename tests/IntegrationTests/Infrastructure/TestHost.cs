using DossierTracking.Grains;
using DossierTracking.GrpcApi.V1;
using DossierTracking.Silo.Hosting;
using DossierTracking.Silo.Storage;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DossierTracking.IntegrationTests.Infrastructure;

/// <summary>
/// The real host (the same composition as <c>dotnet run</c>) started in-process on free ports, with a real gRPC
/// channel to it. Storage is SQLite in <see cref="DataDirectory"/> unless settings say otherwise.
/// </summary>
public sealed class TestHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestHost(WebApplication app, GrpcChannel channel, string dataDirectory, IReadOnlyDictionary<string, string?> settings, int httpPort)
    {
        _app = app;
        Channel = channel;
        DataDirectory = dataDirectory;
        Settings = settings;
        HttpPort = httpPort;
        Invoker = TestTokens.AsRequestActor(channel);
        Dossiers = new DossierService.DossierServiceClient(Invoker);
        Catalog = new CatalogService.CatalogServiceClient(Invoker);
    }

    /// <summary>The raw channel: calls on it carry no token unless the test adds one.</summary>
    public GrpcChannel Channel { get; }

    /// <summary>Calls signed as their request's actor, or as the usual caller of the method (<see cref="TestTokens"/>).</summary>
    public Grpc.Core.CallInvoker Invoker { get; }

    public string DataDirectory { get; }

    public IReadOnlyDictionary<string, string?> Settings { get; }

    public int HttpPort { get; }

    public DossierService.DossierServiceClient Dossiers { get; }

    public CatalogService.CatalogServiceClient Catalog { get; }

    public IServiceProvider Services => _app.Services;

    public IGrainFactory Grains => _app.Services.GetRequiredService<IGrainFactory>();

    /// <summary>A fresh data folder under the system temp folder.</summary>
    public static string NewDataDirectory() => Directory.CreateTempSubdirectory("dvc-test-").FullName;

    /// <param name="dataDirectory">SQLite folder; reuse one to restart on the same data.</param>
    /// <param name="clock">The domain clock; the system clock when null.</param>
    /// <param name="settings">Extra settings, e.g. PostgreSQL storage.</param>
    /// <param name="logging">Extra logging setup, e.g. a provider that captures every line.</param>
    /// <param name="args">Command-line arguments, e.g. <c>--environment Development</c>.</param>
    /// <param name="testKeys">Configure <see cref="TestTokens"/>' key; without it a host in Development makes its key in the data folder.</param>
    public static async Task<TestHost> StartAsync(string? dataDirectory = null, FakeTimeProvider? clock = null, IReadOnlyDictionary<string, string?>? settings = null,
        Action<Microsoft.Extensions.Logging.ILoggingBuilder>? logging = null, string[]? args = null, bool testKeys = true)
    {
        dataDirectory ??= NewDataDirectory();
        var grpcPort = FreePorts.Next();
        var httpPort = FreePorts.Next();
        var all = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "Sqlite",
            ["Storage:DataDirectory"] = dataDirectory,
            ["Network:GrpcPort"] = grpcPort.ToString(),
            ["Network:HttpPort"] = httpPort.ToString(),
            ["Silo:SiloPort"] = FreePorts.Next().ToString(),
            ["Silo:GatewayPort"] = FreePorts.Next().ToString(),
            ["Silo:ClusterId"] = "test-" + Guid.NewGuid().ToString("N")[..8],
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Orleans"] = "Error",
            // Stop at once: no load balancer to leave (the drain has tests of its own).
            ["Health:DrainDelay"] = "00:00:00",
            // No scheduled duties unless a test asks (Duties/): a sweep would add warnings to dossiers a test put past
            // their due date with its fake clock, and change the history, feed and webhooks it counts.
            ["Duties:Enabled"] = "false",
        };
        foreach (var (key, value) in testKeys ? TestTokens.Settings : new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var builder = DossierHost.CreateBuilder(args ?? [], all);
        logging?.Invoke(builder.Logging);
        if (clock is not null)
        {
            builder.Services.AddKeyedSingleton<TimeProvider>(DomainClock.Key, clock);
        }

        var app = builder.Build().MapDossierTracking();
        await app.StartAsync();
        var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{grpcPort}");
        return new TestHost(app, channel, dataDirectory, all, httpPort);
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        var connections = _app.Services.GetRequiredService<StorageConnections>();
        await _app.StopAsync();
        await _app.DisposeAsync();
        // The container does not dispose an instance it was handed: close this host's database pools, or a test
        // PostgreSQL server runs out of connections after a few dozen hosts.
        await connections.DisposeAsync();
    }
}
