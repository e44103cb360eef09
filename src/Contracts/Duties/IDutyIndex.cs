namespace DossierTracking.Contracts.Duties;

/// <summary>The read model's due index, as the duty sweep reads and corrects it.</summary>
public interface IDutyIndex
{
    /// <summary>Rows whose duty time is at or before <paramref name="now"/>, in (time, receipt code) order, strictly after <paramref name="after"/>.</summary>
    Task<IReadOnlyList<DutyCandidate>> DueAsync(DateTimeOffset now, DutyCandidate? after, int limit, CancellationToken cancellationToken = default);

    /// <summary>Rows written before the due index existed (their duty time never computed), in receipt-code order after <paramref name="afterReceiptCode"/>.</summary>
    Task<IReadOnlyList<DutyCandidate>> UnknownAsync(string? afterReceiptCode, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sets a row's duty time from its dossier's answer, only while the row is still at <paramref name="version"/> (a
    /// newer row, written by the relay, has its own); true when the row was set.
    /// </summary>
    Task<bool> SetDutyAtAsync(string receiptCode, long version, DateTimeOffset? dutyAt, CancellationToken cancellationToken = default);
}
