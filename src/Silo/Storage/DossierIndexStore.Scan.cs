using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text;
using DossierTracking.Contracts.Agencies;
using DossierTracking.Contracts.Dossiers;
using DossierTracking.Domain.Agencies;
using DossierTracking.Grains.Agencies;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using static DossierTracking.Silo.Storage.DbCommandParameters;

namespace DossierTracking.Silo.Storage;

/// <summary>Scans of the stored dossier states, for the crash repair and the recount.</summary>
public sealed partial class DossierIndexStore
{
    public async IAsyncEnumerable<byte[]> ReadUnindexedAsync(string serviceId, string stateName,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenReadModelAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT g.payload FROM dvc_grain_state g LEFT JOIN dvc_dossier_index i ON i.receipt_code = g.key_text " +
            "WHERE g.service_id = @service AND g.state_name = @state AND g.payload IS NOT NULL " +
            "AND (i.receipt_code IS NULL OR i.version < g.version + i.version_offset)";
        Add(command, "service", serviceId);
        Add(command, "state", stateName);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return (byte[])reader.GetValue(0);
        }
    }

    /// <summary>Every stored dossier state, for the recount.</summary>
    public async IAsyncEnumerable<byte[]> ReadAllStatesAsync(string serviceId, string stateName,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenReadModelAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT payload FROM dvc_grain_state WHERE service_id = @service AND state_name = @state AND payload IS NOT NULL";
        Add(command, "service", serviceId);
        Add(command, "state", stateName);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return (byte[])reader.GetValue(0);
        }
    }
}
