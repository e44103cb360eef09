using System.Collections.Concurrent;
using DossierTracking.Grains.Storage;
using DossierTracking.IntegrationTests.Infrastructure;
using DossierTracking.Silo.Configuration;
using DossierTracking.Silo.Hosting;
using DossierTracking.Silo.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Storage;
using static DossierTracking.IntegrationTests.Infrastructure.Requests;

namespace DossierTracking.IntegrationTests.Persistence;

/// <summary>The production storage: a real PostgreSQL started by the fixture, the project's own migrations.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Dossier_history_and_idempotency_survive_a_restart_on_PostgreSQL()
    {
        await StorageScenarios.SurviveRestartAsync(await postgres.NewDatabaseSettingsAsync());
    }

    [Fact]
    public async Task A_thousand_concurrent_submissions_get_distinct_codes_on_PostgreSQL()
    {
        await using var host = await TestHost.StartAsync(settings: await postgres.NewDatabaseSettingsAsync());
        var codes = new ConcurrentBag<string>();
        await Task.WhenAll(Enumerable.Range(0, 1000).Select(async i => codes.Add((await host.Dossiers.SubmitDossierAsync(Submit())).ReceiptCode)));
        Assert.Equal(1000, codes.Distinct().Count());
    }

    [Fact]
    public async Task Migrations_apply_once_even_when_silos_start_together()
    {
        var connectionString = (await postgres.NewDatabaseSettingsAsync())["Storage:ConnectionString"]!;
        var options = Options.Create(new StorageOptions { Provider = StorageBackend.PostgreSql, ConnectionString = connectionString });
        await using var connections = StorageConnections.Create(options.Value);
        var migrators = Enumerable.Range(0, 3).Select(_ => new SchemaMigrator(connections, options, NullLogger<SchemaMigrator>.Instance)).ToList();

        var applied = await Task.WhenAll(migrators.Select(m => m.MigrateAsync(CancellationToken.None)));
        Assert.Equal(SchemaMigrator.Embedded(StorageBackend.PostgreSql).Count, applied.Sum(a => a.Count));
        Assert.Empty(await migrators[0].MigrateAsync(CancellationToken.None));
    }

    [Fact]
    public async Task An_unreachable_database_stops_start_up_with_a_message_naming_the_setting()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "PostgreSql",
            ["Storage:ConnectionString"] = $"Host=127.0.0.1;Port={FreePorts.Next()};Database=nowhere;Username=postgres",
            ["Storage:StartupTimeout"] = "00:00:01",
        };
        var error = await Assert.ThrowsAsync<StorageStartupException>(() => TestHost.StartAsync(settings: settings));
        Assert.Contains("Storage:ConnectionString", error.Message);
    }

    [Fact]
    public async Task The_dashboard_is_on_by_default_on_PostgreSQL_for_operators_only()
    {
        await using var host = await TestHost.StartAsync(settings: await postgres.NewDatabaseSettingsAsync());
        var origin = $"http://127.0.0.1:{host.HttpPort}";
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false });
        Task<HttpResponseMessage> Get(string path, string? token = null, string? cookie = null)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, origin + path);
            if (token is not null)
            {
                request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            }

            if (cookie is not null)
            {
                request.Headers.Add("Cookie", cookie);
            }

            return http.SendAsync(request);
        }

        // Refused without an operator's token: the page and the data behind it.
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await Get("/dashboard/")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await Get("/dashboard/DashboardCounters")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await Get("/dashboard/DashboardCounters", TestTokens.For(GrpcApi.Security.Roles.Supervisor))).StatusCode);

        // An operator logs in through the form and the dashboard answers with the cookie.
        var login = new HttpRequestMessage(HttpMethod.Post, origin + DashboardLogin.LoginPath)
        {
            Content = new FormUrlEncodedContent([new("token", TestTokens.For(GrpcApi.Security.Roles.Operator))]),
        };
        login.Headers.Add("Origin", origin);
        var loggedIn = await http.SendAsync(login);
        Assert.Equal(System.Net.HttpStatusCode.SeeOther, loggedIn.StatusCode);
        var cookie = loggedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(DashboardLogin.Cookie + "=", StringComparison.Ordinal)).Split(';')[0];
        var page = await Get("/dashboard/", cookie: cookie);
        Assert.Equal(System.Net.HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<html", await page.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        var counters = await Get("/dashboard/DashboardCounters", cookie: cookie);
        Assert.Equal(System.Net.HttpStatusCode.OK, counters.StatusCode);
        Assert.Contains("\"totalActivationCount\"", await counters.Content.ReadAsStringAsync());
    }

    [Fact]
    public void A_missing_connection_string_is_refused_before_anything_starts()
    {
        var error = Assert.Throws<OptionsValidationException>(() =>
            DossierHost.CreateBuilder([], new Dictionary<string, string?> { ["Storage:Provider"] = "PostgreSql" }));
        Assert.Contains("Storage:ConnectionString", error.Message);
    }
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresStorageKeyTests : StorageKeyTests, IAsyncLifetime
{
    private readonly PostgresFixture _postgres;
    private TestHost _host = null!;

    public PostgresStorageKeyTests(PostgresFixture postgres) => _postgres = postgres;

    protected override IGrainStorage Storage => _host.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Dossiers);

    public async Task InitializeAsync() => _host = await TestHost.StartAsync(settings: await _postgres.NewDatabaseSettingsAsync());

    public async Task DisposeAsync() => await _host.DisposeAsync();
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresSubmissionStoreTests(PostgresFixture postgres) : SubmissionStoreTests, IAsyncLifetime
{
    private TestHost _host = null!;

    protected override IServiceProvider Services => _host.Services;

    public async Task InitializeAsync() => _host = await TestHost.StartAsync(settings: await postgres.NewDatabaseSettingsAsync());

    public async Task DisposeAsync() => await _host.DisposeAsync();
}
