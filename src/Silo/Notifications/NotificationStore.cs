using System.Data.Common;
using System.Globalization;
using DossierTracking.Contracts.Notifications;
using DossierTracking.Silo.Storage;

namespace DossierTracking.Silo.Notifications;

/// <summary>
/// The notification outbox and the dispatcher's feed cursor (tables dvc_notification_outbox and
/// dvc_notification_cursor, migrations 0010 PostgreSQL / 0009 SQLite). Times are stored as Unix milliseconds, the
/// same on both databases.
/// </summary>
public sealed class NotificationStore(StorageConnections connections) : INotificationOutbox
{
    private const string Columns =
        "id, receipt_code, version, kind, channel, recipient, body, state, attempts, created_at, next_attempt_at, last_attempt_at, sent_at, last_error";

    public async Task<long> CursorAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await CursorAsync(connection, cancellationToken);
    }

    /// <summary>The dispatcher's cursor on an open connection (feed retention keeps every change above it).</summary>
    public static async Task<long> CursorAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT position FROM dvc_notification_cursor WHERE id = 1";
        return await command.ExecuteScalarAsync(cancellationToken) is { } value and not DBNull ? Convert.ToInt64(value, CultureInfo.InvariantCulture) : 0;
    }

    public async Task RecordAsync(IReadOnlyList<OutboxEntry> messages, long cursor, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var message in messages)
        {
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = $"INSERT INTO dvc_notification_outbox ({Columns}) VALUES " +
                "(@id, @receipt, @version, @kind, @channel, @recipient, @body, @state, @attempts, @created, @next, @last, @sent, @error) ON CONFLICT DO NOTHING";
            Bind(insert, message);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var move = connection.CreateCommand())
        {
            move.Transaction = transaction;
            // Only forward: two dispatchers for a moment (a silo thought dead) never move it back.
            move.CommandText = "UPDATE dvc_notification_cursor SET position = @cursor WHERE id = 1 AND position < @cursor";
            Add(move, "cursor", cursor);
            await move.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<OutboxEntry>> DueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM dvc_notification_outbox WHERE state = @state AND next_attempt_at <= @now ORDER BY next_attempt_at, id LIMIT @limit";
        Add(command, "state", (long)NotificationState.Pending);
        Add(command, "now", now.ToUnixTimeMilliseconds());
        Add(command, "limit", (long)limit);
        return await ReadAsync(command, cancellationToken);
    }

    public async Task UpdateAsync(OutboxEntry entry, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE dvc_notification_outbox SET state = @state, attempts = @attempts, next_attempt_at = @next, " +
            "last_attempt_at = @last, sent_at = @sent, last_error = @error WHERE id = @id";
        Add(command, "id", entry.Id);
        Add(command, "state", (long)entry.State);
        Add(command, "attempts", (long)entry.Attempts);
        Add(command, "next", entry.NextAttemptAt.ToUnixTimeMilliseconds());
        Add(command, "last", entry.LastAttemptAt?.ToUnixTimeMilliseconds());
        Add(command, "sent", entry.SentAt?.ToUnixTimeMilliseconds());
        Add(command, "error", entry.LastError);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<OutboxEntry>> ListForDossierAsync(string receiptCode, CancellationToken cancellationToken = default)
    {
        await using var connection = await connections.OpenReadModelAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM dvc_notification_outbox WHERE receipt_code = @receipt ORDER BY version, kind";
        Add(command, "receipt", receiptCode);
        return await ReadAsync(command, cancellationToken);
    }

    private static async Task<IReadOnlyList<OutboxEntry>> ReadAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var entries = new List<OutboxEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new OutboxEntry
            {
                Id = reader.GetString(0),
                ReceiptCode = reader.GetString(1),
                Version = Long(reader, 2),
                Kind = (NotificationKind)Long(reader, 3),
                Channel = (NotificationChannelKind)Long(reader, 4),
                Recipient = reader.GetString(5),
                Text = reader.GetString(6),
                State = (NotificationState)Long(reader, 7),
                Attempts = (int)Long(reader, 8),
                CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(Long(reader, 9)),
                NextAttemptAt = DateTimeOffset.FromUnixTimeMilliseconds(Long(reader, 10)),
                LastAttemptAt = Moment(reader, 11),
                SentAt = Moment(reader, 12),
                LastError = reader.GetString(13),
            });
        }

        return entries;
    }

    private static void Bind(DbCommand command, OutboxEntry entry)
    {
        Add(command, "id", entry.Id);
        Add(command, "receipt", entry.ReceiptCode);
        Add(command, "version", entry.Version);
        Add(command, "kind", (long)entry.Kind);
        Add(command, "channel", (long)entry.Channel);
        Add(command, "recipient", entry.Recipient);
        Add(command, "body", entry.Text);
        Add(command, "state", (long)entry.State);
        Add(command, "attempts", (long)entry.Attempts);
        Add(command, "created", entry.CreatedAt.ToUnixTimeMilliseconds());
        Add(command, "next", entry.NextAttemptAt.ToUnixTimeMilliseconds());
        Add(command, "last", entry.LastAttemptAt?.ToUnixTimeMilliseconds());
        Add(command, "sent", entry.SentAt?.ToUnixTimeMilliseconds());
        Add(command, "error", entry.LastError);
    }

    private static long Long(DbDataReader reader, int ordinal) => Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    private static DateTimeOffset? Moment(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : DateTimeOffset.FromUnixTimeMilliseconds(Long(reader, ordinal));

    private static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        if (value is null)
        {
            parameter.DbType = System.Data.DbType.Int64;
        }

        command.Parameters.Add(parameter);
    }
}
