using System.Data.Common;
using System.Security.Cryptography;
using static DossierTracking.Silo.Storage.DbCommandParameters;

namespace DossierTracking.Silo.Storage;

/// <summary>
/// Random secrets shared by every silo of a deployment (table <c>dvc_service_secret</c>): the first silo to need one
/// makes it, the others read it. Nothing to configure, and it survives restarts with the data.
/// </summary>
public sealed class ServiceSecretStore(StorageConnections connections)
{
    public const string PageTokenKey = "page-token-key";

    /// <summary>The secret called <paramref name="name"/>, made of <paramref name="bytes"/> random bytes if it does not exist yet.</summary>
    public async Task<byte[]> LoadOrCreateAsync(string name, int bytes, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using (var insert = connection.CreateCommand())
        {
            // Several silos starting together: one insert wins, the others change nothing, and all read the winner.
            insert.CommandText = "INSERT INTO dvc_service_secret (name, value) VALUES (@name, @value) ON CONFLICT (name) DO NOTHING;";
            Add(insert, "name", name);
            Add(insert, "value", RandomNumberGenerator.GetBytes(bytes));
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var select = connection.CreateCommand();
        select.CommandText = "SELECT value FROM dvc_service_secret WHERE name = @name;";
        Add(select, "name", name);
        return await select.ExecuteScalarAsync(cancellationToken) as byte[]
            ?? throw new StorageStartupException($"Secret {name} could not be read from {connections.Description}.");
    }
}
