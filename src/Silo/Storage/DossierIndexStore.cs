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

/// <summary>
/// The read model (table dvc_dossier_index, migrations 0004, 0006, 0010, 0013, 0014, 0015 and 0019 PostgreSQL / 0003, 0005, 0009, 0011, 0012, 0013 and 0016 SQLite; the due times in dvc_dossier_duty) in the same database as the
/// grain state. Lists are keyset-paged in receipt-code order. The queries are the same text on both databases; only the batch write differs (PostgreSQL: one
/// statement over arrays; SQLite: one transaction).
/// </summary>
public sealed partial class DossierIndexStore(StorageConnections connections) : IDossierIndex, IDossierStateScan, Contracts.Postal.IShipmentIndex
{
    private const string Columns =
        "receipt_code, version, state, channel, procedure_code, receiving_desk, handling_agency, current_agency, " +
        "applicant_name, applicant_id, applicant_phone, submitted_at_ms, received_at_ms, due_at_ms, paused_at_ms, " +
        "finished_at_ms, apology_from_ms, outcome, processing_ms, updated_at_ms, rating, payment, " +
        "shipment_number, shipment_carrier, shipment_status, shipment_handed_at_ms, shipment_status_at_ms, version_offset, assignee_id, " +
        "duty_known";

    private const int ColumnCount = 30;

    private const string UpdateNewer =
        " ON CONFLICT (receipt_code) DO UPDATE SET version = excluded.version, state = excluded.state, " +
        "channel = excluded.channel, procedure_code = excluded.procedure_code, receiving_desk = excluded.receiving_desk, " +
        "handling_agency = excluded.handling_agency, current_agency = excluded.current_agency, " +
        "applicant_name = excluded.applicant_name, applicant_id = excluded.applicant_id, applicant_phone = excluded.applicant_phone, " +
        "submitted_at_ms = excluded.submitted_at_ms, received_at_ms = excluded.received_at_ms, due_at_ms = excluded.due_at_ms, " +
        "paused_at_ms = excluded.paused_at_ms, finished_at_ms = excluded.finished_at_ms, apology_from_ms = excluded.apology_from_ms, " +
        "outcome = excluded.outcome, processing_ms = excluded.processing_ms, " +
        "updated_at_ms = excluded.updated_at_ms, rating = excluded.rating, payment = excluded.payment, " +
        "shipment_number = excluded.shipment_number, shipment_carrier = excluded.shipment_carrier, shipment_status = excluded.shipment_status, " +
        "shipment_handed_at_ms = excluded.shipment_handed_at_ms, shipment_status_at_ms = excluded.shipment_status_at_ms, version_offset = excluded.version_offset, assignee_id = excluded.assignee_id, " +
        "duty_known = excluded.duty_known WHERE dvc_dossier_index.version < excluded.version";

    /// <summary>
    /// The due time goes to its own narrow table (migrations 0019 PostgreSQL / 0016 SQLite), and only for rows the
    /// upsert wrote, so it follows the read-model row's version: a row only while the dossier owes something, and
    /// rewritten only when the time moves.
    /// </summary>
    private const string DutyUpsert =
        "INSERT INTO dvc_dossier_duty (receipt_code, duty_at_ms) VALUES (@code, @at) ON CONFLICT (receipt_code) DO UPDATE " +
        "SET duty_at_ms = excluded.duty_at_ms WHERE dvc_dossier_duty.duty_at_ms <> excluded.duty_at_ms";

    private const string DutyDelete = "DELETE FROM dvc_dossier_duty WHERE receipt_code = @code";

    private const string OpenStates = "(2, 4, 5, 6)";

    public async Task UpsertAsync(IReadOnlyCollection<DossierIndexRow> rows, CancellationToken cancellationToken = default)
    {
        if (rows.Count == 0)
        {
            return;
        }

        if (connections.ReadModelPostgreSql is { } dataSource)
        {
            await UpsertPostgreSql(dataSource, rows, cancellationToken);
        }
        else
        {
            await UpsertSqlite(rows, cancellationToken);
        }
    }

    private static async Task UpsertPostgreSql(NpgsqlDataSource dataSource, IReadOnlyCollection<DossierIndexRow> rows, CancellationToken cancellationToken)
    {
        // One statement: the read-model rows, then the due times of the rows it wrote (a newer version than stored).
        await using var command = dataSource.CreateCommand(
            $"WITH written AS (INSERT INTO dvc_dossier_index ({Columns}) SELECT * FROM unnest(" +
            "@c0::text[], @c1::bigint[], @c2::smallint[], @c3::smallint[], @c4::text[], @c5::text[], @c6::text[], @c7::text[], " +
            "@c8::text[], @c9::text[], @c10::text[], @c11::bigint[], @c12::bigint[], @c13::bigint[], @c14::bigint[], " +
            "@c15::bigint[], @c16::bigint[], @c17::smallint[], @c18::bigint[], @c19::bigint[], @c20::smallint[], @c21::smallint[], " +
            "@c22::integer[], @c23::text[], @c24::smallint[], @c25::bigint[], @c26::bigint[], @c27::bigint[], @c28::text[], @c29::smallint[])" + UpdateNewer +
            " RETURNING receipt_code), " +
            "duty AS (SELECT d.code, d.at FROM unnest(@c0::text[], @duty::bigint[]) AS d(code, at) JOIN written w ON w.receipt_code = d.code), " +
            "cleared AS (DELETE FROM dvc_dossier_duty t USING duty WHERE t.receipt_code = duty.code AND duty.at IS NULL) " +
            "INSERT INTO dvc_dossier_duty (receipt_code, duty_at_ms) SELECT code, at FROM duty WHERE at IS NOT NULL " +
            "ON CONFLICT (receipt_code) DO UPDATE SET duty_at_ms = excluded.duty_at_ms WHERE dvc_dossier_duty.duty_at_ms <> excluded.duty_at_ms");
        command.Parameters.Add(new NpgsqlParameter<string[]>("c0", rows.Select(r => r.ReceiptCode).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<long[]>("c1", rows.Select(r => r.Version).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<short[]>("c2", rows.Select(r => (short)r.State).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<short[]>("c3", rows.Select(r => (short)r.Channel).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("c4", rows.Select(r => r.ProcedureCode).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("c5", rows.Select(r => r.ReceivingDeskCode).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("c6", rows.Select(r => r.HandlingAgencyCode).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("c7", rows.Select(r => r.CurrentAgencyCode).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("c8", rows.Select(r => r.ApplicantName).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("c9", rows.Select(r => r.ApplicantIdNumber).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("c10", rows.Select(r => r.ApplicantPhone).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<long?[]>("c11", rows.Select(r => Ms(r.SubmittedAt)).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<long?[]>("c12", rows.Select(r => Ms(r.ReceivedAt)).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<long?[]>("c13", rows.Select(r => Ms(r.DueAt)).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<long?[]>("c14", rows.Select(r => Ms(r.PausedAt)).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<long?[]>("c15", rows.Select(r => Ms(r.FinishedAt)).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<long?[]>("c16", rows.Select(r => Ms(r.ApologyFrom)).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<short[]>("c17", rows.Select(r => (short)r.Outcome).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<long[]>("c18", rows.Select(r => (long)r.ProcessingTime.TotalMilliseconds).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<long[]>("c19", rows.Select(r => r.UpdatedAt.ToUnixTimeMilliseconds()).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<short[]>("c20", rows.Select(r => (short)r.Rating).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<short[]>("c21", rows.Select(r => (short)r.Payment).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<int[]>("c22", rows.Select(r => r.Shipment?.Number ?? 0).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("c23", rows.Select(r => r.Shipment?.Carrier ?? "").ToArray()));
        command.Parameters.Add(new NpgsqlParameter<short[]>("c24", rows.Select(r => (short)(r.Shipment?.Status ?? default)).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<long?[]>("c25", rows.Select(r => Ms(r.Shipment?.HandedAt)).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<long?[]>("c26", rows.Select(r => Ms(r.Shipment?.StatusAt)).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<long[]>("c27", rows.Select(r => r.VersionOffset).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("c28", rows.Select(r => r.AssigneeId).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<short[]>("c29", rows.Select(_ => (short)1).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<long?[]>("duty", rows.Select(r => Ms(r.DutyAt)).ToArray()));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task UpsertSqlite(IReadOnlyCollection<DossierIndexRow> rows, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(connections.SqliteConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO dvc_dossier_index ({Columns}) VALUES (" +
            string.Join(", ", Enumerable.Range(0, ColumnCount).Select(i => $"@c{i}")) + ")" + UpdateNewer;
        var parameters = Enumerable.Range(0, ColumnCount).Select(i => command.Parameters.Add(new SqliteParameter($"@c{i}", null))).ToArray();
        await using var dutyUpsert = connection.CreateCommand();
        dutyUpsert.Transaction = transaction;
        dutyUpsert.CommandText = DutyUpsert;
        var upsertCode = dutyUpsert.Parameters.Add(new SqliteParameter("@code", null));
        var upsertAt = dutyUpsert.Parameters.Add(new SqliteParameter("@at", null));
        await using var dutyDelete = connection.CreateCommand();
        dutyDelete.Transaction = transaction;
        dutyDelete.CommandText = DutyDelete;
        var deleteCode = dutyDelete.Parameters.Add(new SqliteParameter("@code", null));
        foreach (var row in rows)
        {
            object?[] values =
            [
                row.ReceiptCode, row.Version, (int)row.State, (int)row.Channel, row.ProcedureCode, row.ReceivingDeskCode,
                row.HandlingAgencyCode, row.CurrentAgencyCode, row.ApplicantName, row.ApplicantIdNumber, row.ApplicantPhone,
                Ms(row.SubmittedAt), Ms(row.ReceivedAt), Ms(row.DueAt), Ms(row.PausedAt), Ms(row.FinishedAt), Ms(row.ApologyFrom),
                (int)row.Outcome, (long)row.ProcessingTime.TotalMilliseconds, row.UpdatedAt.ToUnixTimeMilliseconds(), (int)row.Rating,
                (int)row.Payment, row.Shipment?.Number ?? 0, row.Shipment?.Carrier ?? "", (int)(row.Shipment?.Status ?? default),
                Ms(row.Shipment?.HandedAt), Ms(row.Shipment?.StatusAt), row.VersionOffset, row.AssigneeId, 1,
            ];
            for (var i = 0; i < values.Length; i++)
            {
                parameters[i].Value = values[i] ?? DBNull.Value;
            }

            if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                continue;
            }

            if (Ms(row.DutyAt) is { } dutyAt)
            {
                (upsertCode.Value, upsertAt.Value) = (row.ReceiptCode, dutyAt);
                await dutyUpsert.ExecuteNonQueryAsync(cancellationToken);
            }
            else
            {
                deleteCode.Value = row.ReceiptCode;
                await dutyDelete.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task<IReadOnlyList<DossierIndexRow>> ReadRows(DbCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<DossierIndexRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(ReadRow(reader));
        }

        return rows;
    }

    private static DossierIndexRow ReadRow(DbDataReader r) => new()
    {
        ReceiptCode = r.GetString(0),
        Version = r.GetInt64(1),
        State = (DossierState)r.GetInt32(2),
        Channel = (Channel)r.GetInt32(3),
        ProcedureCode = r.GetString(4),
        ReceivingDeskCode = r.GetString(5),
        HandlingAgencyCode = r.GetString(6),
        CurrentAgencyCode = r.GetString(7),
        ApplicantName = r.GetString(8),
        ApplicantIdNumber = r.GetString(9),
        ApplicantPhone = r.GetString(10),
        SubmittedAt = Moment(r, 11),
        ReceivedAt = Moment(r, 12),
        DueAt = Moment(r, 13),
        PausedAt = Moment(r, 14),
        FinishedAt = Moment(r, 15),
        ApologyFrom = Moment(r, 16),
        Outcome = (Timeliness)r.GetInt32(17),
        ProcessingTime = TimeSpan.FromMilliseconds(r.GetInt64(18)),
        UpdatedAt = DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(19)),
        Rating = (Satisfaction)r.GetInt32(20),
        Payment = (PaymentMark)r.GetInt32(21),
        Shipment = r.GetInt32(22) == 0 ? null : new IndexedShipment
        {
            Number = r.GetInt32(22),
            Carrier = r.GetString(23),
            Status = (Contracts.Postal.ShipmentStatus)r.GetInt32(24),
            HandedAt = Moment(r, 25) ?? DateTimeOffset.UnixEpoch,
            StatusAt = Moment(r, 26) ?? DateTimeOffset.UnixEpoch,
        },
        VersionOffset = r.GetInt64(27),
        AssigneeId = r.GetString(28),
        // DutyAt is not read back: it lives in dvc_dossier_duty, which only the duty sweep reads (DueAsync).
    };

    private static DateTimeOffset? Moment(DbDataReader r, int ordinal) =>
        r.IsDBNull(ordinal) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(ordinal));

    private static long? Ms(DateTimeOffset? moment) => moment?.ToUnixTimeMilliseconds();
}
