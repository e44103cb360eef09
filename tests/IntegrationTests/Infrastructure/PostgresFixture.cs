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

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "PostgreSQL";
}
