using System.Collections.Concurrent;
using DossierTracking.Contracts.Dossiers;
using DossierTracking.Domain.Calendar;
using DossierTracking.Domain.Dossiers;
using Microsoft.Extensions.DependencyInjection;

namespace DossierTracking.Grains.Dossiers;

/// <summary>
/// The committed records of the dossier grains active on this silo, for lookups that skip the grain hop. Only the
/// grain writes its entry (after a successful write) and removes it (on deactivation); records are immutable.
/// </summary>
public sealed class LocalDossierSnapshots(WorkingCalendar calendar, [FromKeyedServices(DomainClock.Key)] TimeProvider clock) : ILocalDossierReader
{
    private readonly ConcurrentDictionary<string, DossierRecord> _records = new(StringComparer.Ordinal);

    public int Count => _records.Count;

    public DossierView? TryRead(string receiptCode) =>
        _records.TryGetValue(receiptCode, out var record) ? DossierTimeliness.ToView(record, clock.GetUtcNow(), calendar) : null;

    internal void Publish(DossierRecord record) => _records[record.ReceiptCode] = record;

    internal void Withdraw(string receiptCode) => _records.TryRemove(receiptCode, out _);
}
