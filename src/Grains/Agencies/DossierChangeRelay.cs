using System.Collections.Immutable;
using System.Diagnostics;
using DossierTracking.Contracts.Agencies;
using DossierTracking.Domain.Agencies;
using DossierTracking.Domain.Calendar;
using DossierTracking.Domain.Dossiers;
using DossierTracking.Domain.Duties;
using DossierTracking.Grains.Dossiers;
using DossierTracking.Grains.Telemetry;
using Microsoft.Extensions.Logging;

namespace DossierTracking.Grains.Agencies;

/// <summary>
/// The per-silo stage between dossiers and the read model and agencies. A dossier grain hands over its committed
/// record and goes on (nothing on its write path waits here); once a second (or sooner when many are waiting) the
/// relay writes the pending rows to the read model in one batch and then sends each agency concerned one batch.
/// Pending rows are coalesced per dossier (the newest version wins), so a department taking thousands of dossiers
/// a second gets a handful of calls. A failed write or call is retried with the rows kept; a silo that dies with
/// rows pending leaves them to <see cref="DossierIndexRepair"/>, which rebuilds them from the dossiers' own state.
/// The time from a row's first hand-over until every agency concerned applied it is measured
/// (<see cref="DossierMetrics.RelayApplied"/>) for rows delivered at their first attempt.
/// </summary>
public sealed partial class DossierChangeRelay(
    IDossierIndex index,
    IGrainFactory grains,
    WorkingCalendar calendar,
    DutySchedule duties,
    DossierMetrics metrics,
    ILogger<DossierChangeRelay> logger) : ICommittedChanges, ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    public static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(1);
    private const int EagerFlushCount = 2_000;

    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _wake = new(0);
    private Dictionary<string, Pending> _pending = new(StringComparer.Ordinal);
    private Dictionary<string, List<DossierIndexRow>> _undelivered = new(StringComparer.Ordinal);
    private Task _loop = Task.CompletedTask;
    private long _written;

    /// <summary>Rows written to the read model by this silo since start.</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <summary>Rows waiting for the next flush.</summary>
    public int PendingCount
    {
        get
        {
            lock (_lock)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>Called by a dossier grain after its write succeeded.</summary>
    public void Enqueue(DossierRecord? previous, DossierRecord next) =>
        Enqueue(DossierIndexRows.From(next, calendar, duties), previous?.CurrentAgencyCode);

    /// <summary>Queues a row; <paramref name="formerAgency"/> is where the dossier was before, which must learn it left.</summary>
    public void Enqueue(DossierIndexRow row, string? formerAgency)
    {
        int count;
        lock (_lock)
        {
            if (_pending.TryGetValue(row.ReceiptCode, out var known))
            {
                var formers = known.FormerAgencies;
                if (formerAgency is not null && formerAgency != row.CurrentAgencyCode && !formers.Contains(formerAgency))
                {
                    formers = formers.Add(formerAgency);
                }

                // The agencies have trailed this dossier since its first pending change: keep that moment.
                _pending[row.ReceiptCode] = new Pending(row.Version > known.Row.Version ? row : known.Row, formers, known.Since);
            }
            else
            {
                _pending[row.ReceiptCode] = new Pending(row,
                    formerAgency is not null && formerAgency != row.CurrentAgencyCode ? [formerAgency] : [], Stopwatch.GetTimestamp());
            }

            count = _pending.Count;
        }

        if (count == EagerFlushCount)
        {
            _wake.Release();
        }
    }

    /// <summary>Writes and delivers everything pending now (tests and shutdown).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        Dictionary<string, Pending> batch;
        Dictionary<string, List<DossierIndexRow>> retry;
        lock (_lock)
        {
            batch = _pending;
            _pending = new Dictionary<string, Pending>(StringComparer.Ordinal);
            retry = _undelivered;
            _undelivered = new Dictionary<string, List<DossierIndexRow>>(StringComparer.Ordinal);
        }

        if (batch.Count > 0)
        {
            try
            {
                await index.UpsertAsync(batch.Values.Select(p => p.Row).ToList(), cancellationToken);
                Interlocked.Add(ref _written, batch.Count);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogWriteFailed(e, batch.Count);
                PutBack(batch, retry);
                throw;
            }
        }

        var deliveries = retry;
        foreach (var (fullRow, formers, _) in batch.Values)
        {
            // Agencies count and queue; the applicant's personal data and the shipment stay in the read model.
            var row = fullRow.ForCounting();
            AddDelivery(deliveries, row.ReceivingDeskCode, row);
            AddDelivery(deliveries, row.HandlingAgencyCode, row);
            AddDelivery(deliveries, row.CurrentAgencyCode, row);
            foreach (var former in formers)
            {
                AddDelivery(deliveries, former, row);
            }
        }

        var failed = new Dictionary<string, List<DossierIndexRow>>(StringComparer.Ordinal);
        await Task.WhenAll(deliveries.Select(async delivery =>
        {
            try
            {
                await grains.GetGrain<IAgencyGrain>(delivery.Key).ApplyAsync([.. delivery.Value]);
            }
            catch (Exception e)
            {
                LogDeliveryFailed(e, delivery.Key, delivery.Value.Count);
                lock (failed)
                {
                    failed[delivery.Key] = delivery.Value;
                }
            }
        }));

        RecordLag(batch, failed);
        if (failed.Count > 0)
        {
            lock (_lock)
            {
                foreach (var (agency, rows) in failed)
                {
                    if (_undelivered.TryGetValue(agency, out var newer))
                    {
                        newer.AddRange(rows);
                    }
                    else
                    {
                        _undelivered[agency] = rows;
                    }
                }
            }
        }
    }

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(DossierChangeRelay), ServiceLifecycleStage.Active, Start, Stop);

    public void Dispose()
    {
        _stopping.Dispose();
        _wake.Dispose();
    }

    private Task Start(CancellationToken cancellationToken)
    {
        _loop = Task.Run(RunAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task Stop(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _loop;
        try
        {
            // The last rows of a silo that is shutting down; what does not make it is repaired on the next start.
            await FlushAsync(cancellationToken);
        }
        catch (Exception e)
        {
            LogFinalFlushFailed(e);
        }
    }

    private async Task RunAsync()
    {
        var delay = FlushInterval;
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                await _wake.WaitAsync(delay, _stopping.Token);
                await FlushAsync(_stopping.Token);
                delay = FlushInterval;
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception)
            {
                // Logged where it failed; the rows are kept. Back off while the database is away.
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
            }
        }
    }

    private void PutBack(Dictionary<string, Pending> batch, Dictionary<string, List<DossierIndexRow>> retry)
    {
        lock (_lock)
        {
            foreach (var (code, pending) in batch)
            {
                if (!_pending.TryGetValue(code, out var newer) || newer.Row.Version < pending.Row.Version)
                {
                    _pending[code] = pending;
                }
                else
                {
                    _pending[code] = newer with
                    {
                        FormerAgencies = newer.FormerAgencies.AddRange(pending.FormerAgencies.Except(newer.FormerAgencies)),
                        Since = Math.Min(newer.Since, pending.Since),
                    };
                }
            }

            foreach (var (agency, rows) in retry)
            {
                if (_undelivered.TryGetValue(agency, out var newer))
                {
                    newer.AddRange(rows);
                }
                else
                {
                    _undelivered[agency] = rows;
                }
            }
        }
    }

    /// <summary>The lag of each row of the batch whose agencies all applied it (a failed delivery is retried without a clock).</summary>
    private void RecordLag(Dictionary<string, Pending> batch, Dictionary<string, List<DossierIndexRow>> failed)
    {
        if (!metrics.RelayLagEnabled)
        {
            return;
        }

        var now = Stopwatch.GetTimestamp();
        foreach (var (row, formers, since) in batch.Values)
        {
            if (failed.Count == 0 || !(failed.ContainsKey(row.ReceivingDeskCode) || failed.ContainsKey(row.HandlingAgencyCode)
                || failed.ContainsKey(row.CurrentAgencyCode) || formers.Any(failed.ContainsKey)))
            {
                metrics.RelayApplied(Stopwatch.GetElapsedTime(since, now));
            }
        }
    }

    private static void AddDelivery(Dictionary<string, List<DossierIndexRow>> deliveries, string agency, DossierIndexRow row)
    {
        if (string.IsNullOrEmpty(agency))
        {
            return;
        }

        if (!deliveries.TryGetValue(agency, out var rows))
        {
            deliveries[agency] = rows = [];
        }

        if (rows.Count == 0 || !ReferenceEquals(rows[^1], row))
        {
            rows.Add(row);
        }
    }

    /// <param name="Since">When the first change still pending for this dossier was handed over (<see cref="Stopwatch"/> ticks).</param>
    private readonly record struct Pending(DossierIndexRow Row, ImmutableArray<string> FormerAgencies, long Since);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Read model write of {Rows} dossier rows failed; kept for the next attempt")]
    private partial void LogWriteFailed(Exception exception, int rows);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivery of {Rows} rows to agency {AgencyCode} failed; kept for the next attempt")]
    private partial void LogDeliveryFailed(Exception exception, string agencyCode, int rows);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The last flush of the change relay failed; the next start repairs the read model")]
    private partial void LogFinalFlushFailed(Exception exception);
}
