using System.Data.Common;
using DossierTracking.Domain.Catalog;
using DossierTracking.Domain.Calendar;
using DossierTracking.GrpcApi.Security;
using DossierTracking.GrpcApi.V1;
using DossierTracking.IntegrationTests.Infrastructure;
using DossierTracking.Silo.Configuration;
using DossierTracking.Silo.Storage;
using static DossierTracking.IntegrationTests.Provinces.TwoProvinces;

namespace DossierTracking.IntegrationTests.Provinces;

/// <summary>
/// Reference data written before a deployment could serve several provinces (rows keyed by kind and version) is kept
/// by the migration: each catalogue row is given the province its units belong to, the calendar none, and a published
/// version stays in force. The table is put back in its old shape, the migration record removed, and the host started.
/// </summary>
public sealed class ReferenceDataProvinceMigrationTests
{
    [Fact]
    public async Task Sqlite_rows_of_one_province_are_kept_with_their_province()
    {
        var data = TestHost.NewDataDirectory();
        var settings = new Dictionary<string, string?>();
        await (await TestHost.StartAsync(data)).DisposeAsync();
        var connections = StorageConnections.Create(new StorageOptions { Provider = StorageBackend.Sqlite, DataDirectory = data });
        await ShapeAsBeforeAsync(connections, "'0015'", "published_at TEXT", "2026-01-01T00:00:00.0000000+00:00");
        await AssertMigratedAsync(data, settings);
    }

    private static async Task ShapeAsBeforeAsync(StorageConnections connections, string migration, string publishedAtColumn, object publishedAt)
    {
        await using var connection = await connections.OpenAsync(CancellationToken.None);
        // A published version as an administrator may write it: a comment, and a member name cased differently.
        var published = "// Quyết định sửa đổi danh mục\n" + CatalogFile.EmbeddedText()
            .Replace("\"version\": \"2020.10-1\"", "\"version\": \"legacy-2\"", StringComparison.Ordinal)
            .Replace("\"agencies\":", "\"Agencies\":", StringComparison.Ordinal);
        Assert.NotEqual(CatalogFile.EmbeddedText(), published);
        await ExecuteAsync(connection,
            $"DELETE FROM dvc_schema_migrations WHERE version = {migration}; DROP TABLE dvc_reference_data; " +
            "CREATE TABLE dvc_reference_data (kind varchar(16) NOT NULL, version bigint NOT NULL, content text NOT NULL, sha256 char(64) NOT NULL, " +
            $"{publishedAtColumn} NOT NULL, published_by varchar(64) NOT NULL, PRIMARY KEY (kind, version));");
        foreach (var (kind, version, content, by) in new[]
                 {
                     ("catalog", 1L, CatalogFile.EmbeddedText(), "seed"), ("catalog", 2L, published, "qtv-01"),
                     ("calendar", 1L, HolidayCalendarData.EmbeddedText(), "seed"),
                 })
        {
            await using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO dvc_reference_data (kind, version, content, sha256, published_at, published_by) VALUES (@k, @v, @c, @s, @a, @b);";
            Add(insert, "k", kind);
            Add(insert, "v", version);
            Add(insert, "c", content);
            Add(insert, "s", Domain.ReferenceData.ReferenceDataRules.Sha256(content));
            Add(insert, "a", publishedAt);
            Add(insert, "b", by);
            await insert.ExecuteNonQueryAsync();
        }
    }

    internal static async Task PostgresAsync(IReadOnlyDictionary<string, string?> settings)
    {
        await (await TestHost.StartAsync(settings: settings)).DisposeAsync();
        var connections = StorageConnections.Create(new StorageOptions { Provider = StorageBackend.PostgreSql, ConnectionString = settings["Storage:ConnectionString"] });
        await ShapeAsBeforeAsync(connections, "'0017'", "published_at timestamptz", new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        await AssertMigratedAsync(null, settings);
    }

    private static async Task AssertMigratedAsync(string? data, IReadOnlyDictionary<string, string?> settings)
    {
        await using var host = await TestHost.StartAsync(data, settings: settings);
        var reference = new ReferenceDataService.ReferenceDataServiceClient(host.Channel);
        var admin = As(Roles.Administrator, "qtv-01");
        var catalog = await reference.ListReferenceDataVersionsAsync(new ListReferenceDataVersionsRequest { Kind = "catalog", ProvinceCode = "H49" }, admin);
        Assert.Equal([(2L, "qtv-01", "H49"), (1L, "seed", "H49")], catalog.Versions.Select(v => (v.Version, v.PublishedBy, v.ProvinceCode)));
        Assert.Equal(2, catalog.InForceVersion);
        Assert.Equal("legacy-2", (await host.Catalog.ListProceduresAsync(new ListProceduresRequest { PageSize = 1 })).CatalogVersion);
        var calendar = await reference.ListReferenceDataVersionsAsync(new ListReferenceDataVersionsRequest { Kind = "calendar" }, admin);
        Assert.Equal([(1L, "")], calendar.Versions.Select(v => (v.Version, v.ProvinceCode)));
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}

/// <summary>The same on PostgreSQL, whose migration reads the province from the stored JSON with its own functions.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresReferenceDataProvinceMigrationTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Postgres_rows_of_one_province_are_kept_with_their_province() =>
        await ReferenceDataProvinceMigrationTests.PostgresAsync(await postgres.NewDatabaseSettingsAsync());
}
