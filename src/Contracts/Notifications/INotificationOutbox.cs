namespace DossierTracking.Contracts.Notifications;

/// <summary>
/// The durable outbox of notifications and the dispatcher's place in the change feed, in the database with the
/// dossiers. A message is keyed by (receipt code, version, kind): recording it again changes nothing.
/// </summary>
public interface INotificationOutbox
{
    /// <summary>The feed position the dispatcher has read through (0 at first).</summary>
    Task<long> CursorAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// In one transaction: records the messages that are not recorded yet and moves the cursor to
    /// <paramref name="cursor"/>, so a crash leaves either both or neither.
    /// </summary>
    Task RecordAsync(IReadOnlyList<OutboxEntry> messages, long cursor, CancellationToken cancellationToken = default);

    /// <summary>Pending messages whose next attempt is due at <paramref name="now"/>, oldest first.</summary>
    Task<IReadOnlyList<OutboxEntry>> DueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default);

    /// <summary>Saves a message's state after an attempt.</summary>
    Task UpdateAsync(OutboxEntry entry, CancellationToken cancellationToken = default);

    /// <summary>The messages of one dossier, oldest first.</summary>
    Task<IReadOnlyList<OutboxEntry>> ListForDossierAsync(string receiptCode, CancellationToken cancellationToken = default);
}
