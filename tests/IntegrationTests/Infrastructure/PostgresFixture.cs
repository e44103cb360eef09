namespace DossierTracking.IntegrationTests.Infrastructure;

/// <summary>One throwaway PostgreSQL server shared by the tests of the <see cref="PostgresCollection"/>.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    public PostgresServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await PostgresServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();

    /// <summary>Host settings for PostgreSQL storage on a fresh database.</summary>
    public async Task<IReadOnlyDictionary<string, string?>> NewDatabaseSettingsAsync() => new Dictionary<string, string?>
    {
        ["Storage:Provider"] = "PostgreSql",
        ["Storage:ConnectionString"] = await Server.CreateDatabaseAsync(),
    };
}

/// <summary>
/// The PostgreSQL tests, crash tests among them, run one at a time and apart from every other test: silo processes
/// under load and a 10,000-dossier test must not share two cores. Their time bounds (a killed silo's dossiers served
/// again within 30 s) only catch hangs; the crash benchmark (bash loadtests/run.sh --crash) measures recovery.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "PostgreSQL";
}
