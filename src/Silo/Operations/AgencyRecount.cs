using DossierTracking.Contracts.Agencies;
using DossierTracking.Contracts.Catalog;
using DossierTracking.Domain.Agencies;
using DossierTracking.Domain.Calendar;
using DossierTracking.Domain.Dossiers;
using DossierTracking.Domain.Duties;
using DossierTracking.Grains;
using DossierTracking.Grains.Agencies;
using DossierTracking.Grains.Dossiers;
using DossierTracking.Grains.Storage;
using DossierTracking.Silo.Storage;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;

namespace DossierTracking.Silo.Operations;

/// <summary>
/// Recounts every agency from the dossiers' stored state, with the same rules the agency grains use, and compares
/// with the live agencies and with the read model. Flushes this silo's relay first; other silos flush within a
/// second, so run it at a quiet moment.
/// </summary>
public sealed class AgencyRecount(
    DossierIndexStore store,
    DossierChangeRelay relay,
    Serializer serializer,
    WorkingCalendar calendar,
    DutySchedule duties,
    IProvinces provinces,
    IGrainFactory grains,
    IOptions<ClusterOptions> cluster,
    [FromKeyedServices(DomainClock.Key)] TimeProvider clock) : IAgencyRecount
{
    public async Task<RecountReport> RecountAsync(CancellationToken cancellationToken)
    {
        await relay.FlushAsync(cancellationToken);
        var truth = new Dictionary<string, DossierIndexRow>(StringComparer.Ordinal);
        await foreach (var payload in store.ReadAllStatesAsync(cluster.Value.ServiceId, StorageNames.DossierState, cancellationToken))
        {
            if (DossierSlot.FromPayload(serializer, payload) is { } dossier)
            {
                truth[dossier.ReceiptCode] = DossierIndexRows.From(dossier, calendar, duties);
            }
        }

        int stale = 0, orphans = 0;
        var indexed = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in store.ReadAllAsync(cancellationToken))
        {
            indexed.Add(row.ReceiptCode);
            if (!truth.TryGetValue(row.ReceiptCode, out var expected))
            {
                orphans++;
            }
            else if (row.Version < expected.Version)
            {
                stale++;
            }
        }

        var missing = truth.Keys.Count(code => !indexed.Contains(code));

        var byAgency = new Dictionary<string, List<DossierIndexRow>>(StringComparer.Ordinal);
        foreach (var row in truth.Values)
        {
            foreach (var agency in new[] { row.ReceivingDeskCode, row.HandlingAgencyCode, row.CurrentAgencyCode }.Distinct())
            {
                if (!byAgency.TryGetValue(agency, out var rows))
                {
                    byAgency[agency] = rows = [];
                }

                rows.Add(row);
            }
        }

        var now = clock.GetUtcNow();
        var differences = new List<FigureDifference>();
        foreach (var agency in provinces.AllAgencies)
        {
            var recounted = AgencyFigureRules.Compute(agency.Code, byAgency.GetValueOrDefault(agency.Code) ?? [], now);
            var live = await grains.GetGrain<IAgencyGrain>(agency.Code).GetFiguresAsync(now);
            differences.AddRange(AgencyFigureRules.Flatten(live).Zip(AgencyFigureRules.Flatten(recounted))
                .Where(pair => pair.First.Value != pair.Second.Value)
                .Select(pair => new FigureDifference(agency.Code, pair.First.Figure, pair.First.Value, pair.Second.Value)));
        }

        return new RecountReport
        {
            EvaluatedAt = now,
            Dossiers = truth.Count,
            Agencies = provinces.AllAgencies.Count(),
            Differences = differences,
            ReadModelMissing = missing,
            ReadModelStale = stale,
            ReadModelOrphans = orphans,
        };
    }
}
