using System.Data.Common;
using DossierTracking.Grains.Dossiers;
using DossierTracking.Grains.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;
using Orleans.Serialization;
using Orleans.Storage;
using static DossierTracking.Silo.Storage.DbCommandParameters;

namespace DossierTracking.Silo.Storage;

/// <summary>
/// A submission's request row and dossier row in one write, on the tables of the dossiers' storage provider
/// (migrations 0001): the same key columns (service, state name, the string key with both numeric parts 0, as the
/// provider stores string keys), version 1 and the provider's payload format, so the grain and every reader take the
/// rows for the provider's own. On PostgreSQL it is one statement on the grains' multiplexed connections: the dossier's
/// insert runs only if the request's did. On SQLite, one transaction.
/// </summary>
public sealed class SubmissionStore(StorageConnections connections, Serializer serializer, string serviceId) : IDossierSubmissions
{
    private const string PostgresInsert =
        "WITH request AS (" +
        " INSERT INTO dvc_grain_state (service_id, state_name, key_n0, key_n1, key_text, version, payload, modified_at)" +
        " VALUES (@service, @request_state, 0, 0, @request_key, 1, @request_payload, now())" +
        " ON CONFLICT ON CONSTRAINT dvc_grain_state_pk DO NOTHING RETURNING 1)" +
        " INSERT INTO dvc_grain_state (service_id, state_name, key_n0, key_n1, key_text, version, payload, modified_at)" +
        " SELECT @service, @dossier_state, 0, 0, @dossier_key, 1, @dossier_payload, now() WHERE EXISTS (SELECT 1 FROM request)" +
        " RETURNING version";

    private const string SqliteRequestInsert =
        "INSERT INTO dvc_grain_state (service_id, state_name, key_n0, key_n1, key_text, version, payload, modified_at)" +
        " VALUES (@service, @request_state, 0, 0, @request_key, 1, @request_payload, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))" +
        " ON CONFLICT (service_id, state_name, key_text, key_n0, key_n1) DO NOTHING";

    private const string SqliteDossierInsert =
        "INSERT INTO dvc_grain_state (service_id, state_name, key_n0, key_n1, key_text, version, payload, modified_at)" +
        " VALUES (@service, @dossier_state, 0, 0, @dossier_key, 1, @dossier_payload, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))";

    private const string RequestRead =
        "SELECT payload FROM dvc_grain_state WHERE service_id = @service AND state_name = @request_state AND key_text = @request_key AND key_n0 = 0 AND key_n1 = 0";

    private readonly OrleansGrainStorageSerializer _payloads = new(serializer);

    public async Task<SubmissionInsert> InsertAsync(GrainId requestRow, SubmissionRecord request, GrainId dossierRow, DossierSlot dossier)
    {
        var rows = new Rows(serviceId, StringKey(requestRow), _payloads.Serialize(request).ToArray(), StringKey(dossierRow), _payloads.Serialize(dossier).ToArray());
        var inserted = connections.PostgreSql is { } dataSource ? await InsertPostgres(dataSource, rows) : await InsertSqlite(rows);
        return inserted ? SubmissionInsert.Stored("1") : SubmissionInsert.RequestTaken(await ReadRequest(rows));
    }

    /// <summary>The provider stores a string key as key_text with both numeric parts 0, unless it reads as an integer or GUID key; the project's keys never do.</summary>
    private static string StringKey(GrainId id) =>
        id.TryGetIntegerKey(out _, out _) || id.TryGetGuidKey(out _, out _)
            ? throw new ArgumentException($"Key {id} would be stored by the provider as a numeric key.", nameof(id))
            : id.Key.ToString()!;

    private static async Task<bool> InsertPostgres(NpgsqlDataSource dataSource, Rows rows)
    {
        await using var command = dataSource.CreateCommand(PostgresInsert);
        rows.Bind(command, request: true, dossier: true);
        try
        {
            return await command.ExecuteScalarAsync() is not null;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new InconsistentStateException($"Dossier row {rows.DossierKey} exists already; nothing was written.", e);
        }
    }

    private async Task<bool> InsertSqlite(Rows rows)
    {
        await using var connection = await connections.OpenAsync(CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var insertRequest = connection.CreateCommand())
        {
            insertRequest.Transaction = transaction;
            insertRequest.CommandText = SqliteRequestInsert;
            rows.Bind(insertRequest, request: true, dossier: false);
            if (await insertRequest.ExecuteNonQueryAsync() == 0)
            {
                return false;
            }
        }

        await using (var insertDossier = connection.CreateCommand())
        {
            insertDossier.Transaction = transaction;
            insertDossier.CommandText = SqliteDossierInsert;
            rows.Bind(insertDossier, request: false, dossier: true);
            try
            {
                await insertDossier.ExecuteNonQueryAsync();
            }
            catch (SqliteException e) when (e.SqliteExtendedErrorCode is 1555 or 2067)
            {
                throw new InconsistentStateException($"Dossier row {rows.DossierKey} exists already; nothing was written.", e);
            }
        }

        await transaction.CommitAsync();
        return true;
    }

    private async Task<SubmissionRecord> ReadRequest(Rows rows)
    {
        await using var connection = await connections.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = RequestRead;
        rows.Bind(command, request: true, dossier: false, withPayload: false);
        return await command.ExecuteScalarAsync() is byte[] payload && _payloads.Deserialize<SubmissionRecord>(new BinaryData(payload)) is { } stored
            ? stored
            : throw new InvalidOperationException($"Request row {rows.RequestKey} was neither inserted nor found.");
    }

    private sealed record Rows(string Service, string RequestKey, byte[] RequestPayload, string DossierKey, byte[] DossierPayload)
    {
        public void Bind(DbCommand command, bool request, bool dossier, bool withPayload = true)
        {
            Add(command, "service", Service);
            if (request)
            {
                Add(command, "request_state", StorageNames.SubmissionState);
                Add(command, "request_key", RequestKey);
                if (withPayload)
                {
                    Add(command, "request_payload", RequestPayload);
                }
            }

            if (dossier)
            {
                Add(command, "dossier_state", StorageNames.DossierState);
                Add(command, "dossier_key", DossierKey);
                Add(command, "dossier_payload", DossierPayload);
            }
        }
    }
}
