namespace DossierTracking.Contracts.Audit;

/// <summary>
/// Where audited calls go to be stored. Appending never waits: the entry is buffered and written in the background
/// in batches; a full buffer drops the entry (the implementation counts and reports drops).
/// </summary>
public interface IAuditSink
{
    /// <summary>Buffers the entry; false when it was dropped because the buffer is full or the host is stopping.</summary>
    bool TryAppend(AuditEntry entry);
}
