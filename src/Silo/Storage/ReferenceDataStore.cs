using System.Data.Common;
using System.Globalization;
using DossierTracking.Contracts.ReferenceData;
using DossierTracking.Silo.Configuration;
using static DossierTracking.Silo.Storage.DbCommandParameters;

namespace DossierTracking.Silo.Storage;

/// <summary>
/// The published versions of the reference data (table <c>dvc_reference_data</c>, both backends). Rows are only
/// inserted: a version is written once with <c>ON CONFLICT DO NOTHING</c>, so when two silos or two administrators
/// race for the same number one insert wins and the other learns it wrote nothing. Versions count per kind and province
/// (the catalogue is each province's; the calendar, national, has the empty province).
/// </summary>
public sealed class ReferenceDataStore(StorageConnections connections)
{
    private const string Columns = "kind, version, sha256, published_at, published_by, province";

    private bool Postgres => connections.Backend == StorageBackend.PostgreSql;

    /// <summary>The newest version number of each kind and province that has one.</summary>
    public async Task<IReadOnlyDictionary<(ReferenceDataKind Kind, string Province), long>> NewestVersionsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT kind, province, MAX(version) FROM dvc_reference_data GROUP BY kind, province;";
        var newest = new Dictionary<(ReferenceDataKind, string), long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (ReferenceDataKinds.TryParse(reader.GetString(0), out var kind))
            {
                newest[(kind, reader.GetString(1))] = reader.GetInt64(2);
            }
        }

        return newest;
    }

    /// <summary>A version with its content; the newest when <paramref name="version"/> is null; null when there is none.</summary>
    public async Task<ReferenceDataDocument?> ReadAsync(ReferenceDataKind kind, string province, long? version, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = version is null
            ? $"SELECT {Columns}, content FROM dvc_reference_data WHERE kind = @kind AND province = @province ORDER BY version DESC LIMIT 1;"
            : $"SELECT {Columns}, content FROM dvc_reference_data WHERE kind = @kind AND province = @province AND version = @version;";
        Add(command, "kind", ReferenceDataKinds.Name(kind));
        Add(command, "province", province);
        if (version is { } v)
        {
            Add(command, "version", v);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new ReferenceDataDocument(ReadVersion(reader), reader.GetString(6)) : null;
    }

    /// <summary>Every version of the kind, newest first, without content.</summary>
    public async Task<IReadOnlyList<ReferenceDataVersion>> ListAsync(ReferenceDataKind kind, string province, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM dvc_reference_data WHERE kind = @kind AND province = @province ORDER BY version DESC;";
        Add(command, "kind", ReferenceDataKinds.Name(kind));
        Add(command, "province", province);
        var versions = new List<ReferenceDataVersion>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            versions.Add(ReadVersion(reader));
        }

        return versions;
    }

    /// <summary>Writes the version unless that number exists; true when this call wrote it.</summary>
    public async Task<bool> TryInsertAsync(ReferenceDataVersion version, string content, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO dvc_reference_data (kind, province, version, content, sha256, published_at, published_by) " +
            "VALUES (@kind, @province, @version, @content, @sha256, @published_at, @published_by) ON CONFLICT (kind, province, version) DO NOTHING;";
        Add(command, "kind", ReferenceDataKinds.Name(version.Kind));
        Add(command, "province", version.Province);
        Add(command, "version", version.Version);
        Add(command, "content", content);
        Add(command, "sha256", version.Sha256);
        Add(command, "published_at", Postgres ? version.PublishedAt.UtcDateTime : version.PublishedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        Add(command, "published_by", version.PublishedBy);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static ReferenceDataVersion ReadVersion(DbDataReader reader)
    {
        ReferenceDataKinds.TryParse(reader.GetString(0), out var kind);
        var at = reader.GetValue(3) switch
        {
            DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
            DateTimeOffset offset => offset.ToUniversalTime(),
            var text => DateTimeOffset.Parse(Convert.ToString(text, CultureInfo.InvariantCulture)!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
        };
        return new ReferenceDataVersion(kind, reader.GetInt64(1), at, reader.GetString(4), reader.GetString(2)) { Province = reader.GetString(5) };
    }
}
