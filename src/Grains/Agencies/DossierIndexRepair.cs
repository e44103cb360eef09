using DossierTracking.Contracts.Agencies;
using DossierTracking.Contracts.Catalog;
using DossierTracking.Domain.Agencies;
using DossierTracking.Domain.Calendar;
using DossierTracking.Domain.Dossiers;
using DossierTracking.Domain.Duties;
using DossierTracking.Grains.Dossiers;
using DossierTracking.Grains.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;

namespace DossierTracking.Grains.Agencies;

/// <summary>Reads, from the grain state table, the stored dossiers whose read-model row is missing or older.</summary>
public interface IDossierStateScan
{
    IAsyncEnumerable<byte[]> ReadUnindexedAsync(string serviceId, string stateName, CancellationToken cancellationToken);
}

/// <summary>
/// Brings the read model and the agencies back in step after a crash. A silo that dies may take with it rows its
/// relay had not written yet, or batches written to the read model but not yet delivered to the agencies. So when
/// a silo starts, and when the cluster declares a silo dead, one silo (the first active one by address) finds every
/// stored dossier whose read-model row is missing or older, writes those rows through the relay, and then has every
/// agency read the read model again. Both steps are idempotent, so running them twice is harmless.
/// </summary>
public sealed partial class DossierIndexRepair(
    IDossierStateScan scan,
    DossierChangeRelay relay,
    Serializer serializer,
    WorkingCalendar calendar,
    DutySchedule duties,
    IProvinces provinces,
    IGrainFactory grains,
    IClusterMembershipService membership,
    ILocalSiloDetails silo,
    IOptions<ClusterOptions> cluster,
    ILogger<DossierIndexRepair> logger) : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private const int RepairBatch = 5_000;

    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _running = new(1, 1);
    private Task _watch = Task.CompletedTask;

    /// <summary>Repairs now, whatever the membership; returns the number of dossier rows rebuilt.</summary>
    public async Task<int> RepairAsync(CancellationToken cancellationToken)
    {
        await _running.WaitAsync(cancellationToken);
        try
        {
            var repaired = 0;
            await foreach (var payload in scan.ReadUnindexedAsync(cluster.Value.ServiceId, StorageNames.DossierState, cancellationToken))
            {
                if (DossierSlot.FromPayload(serializer, payload) is { } dossier)
                {
                    // The former agency is unknown here; the resync below makes every agency read its rows again.
                    relay.Enqueue(DossierIndexRows.From(dossier, calendar, duties), formerAgency: null);
                    if (++repaired % RepairBatch == 0)
                    {
                        await relay.FlushAsync(cancellationToken);
                    }
                }
            }

            await relay.FlushAsync(cancellationToken);
            var agencies = provinces.AllAgencies.ToList();
            await Task.WhenAll(agencies.Select(a => grains.GetGrain<IAgencyGrain>(a.Code).ResyncAsync()));
            LogRepaired(repaired, agencies.Count);
            return repaired;
        }
        finally
        {
            _running.Release();
        }
    }

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(DossierIndexRepair), ServiceLifecycleStage.Active + 1, Start, Stop);

    public void Dispose()
    {
        _stopping.Dispose();
        _running.Dispose();
    }

    private Task Start(CancellationToken cancellationToken)
    {
        _watch = Task.Run(WatchAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task Stop(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _watch;
    }

    private async Task WatchAsync()
    {
        var dead = new HashSet<SiloAddress>();
        var first = true;
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(_stopping.Token))
            {
                var newlyDead = snapshot.Members.Values
                    .Where(m => m.Status == SiloStatus.Dead && dead.Add(m.SiloAddress))
                    .ToList();
                var leader = snapshot.Members.Values
                    .Where(m => m.Status == SiloStatus.Active)
                    .Select(m => m.SiloAddress)
                    .OrderBy(a => a.ToParsableString(), StringComparer.Ordinal)
                    .FirstOrDefault();

                // On start every silo repairs what it can see (its own predecessor may have died with rows pending);
                // later only the leader does, when a silo was declared dead.
                if (first || (newlyDead.Count > 0 && leader == silo.SiloAddress))
                {
                    first = false;
                    await RepairWithRetry();
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
    }

    private async Task RepairWithRetry()
    {
        for (var attempt = 1; !_stopping.IsCancellationRequested; attempt++)
        {
            try
            {
                await RepairAsync(_stopping.Token);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRepairFailed(e, attempt);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, 2 * attempt)), _stopping.Token);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Read model repaired: {Rows} dossier rows rebuilt from grain state, {Agencies} agencies resynchronised")]
    private partial void LogRepaired(int rows, int agencies);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Read model repair failed (attempt {Attempt}); retrying")]
    private partial void LogRepairFailed(Exception exception, int attempt);
}
