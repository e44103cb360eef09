using System.Threading.Channels;
using DossierTracking.Contracts.Audit;
using DossierTracking.Silo.Configuration;
using DossierTracking.Silo.Storage;
using Microsoft.Extensions.Options;

namespace DossierTracking.Silo.Audit;

/// <summary>
/// Stores audit entries without slowing the calls they record. <see cref="TryAppend"/> puts an entry in a bounded
/// in-memory buffer and returns at once; a background loop takes the first waiting entry, gathers more for up to
/// <c>Audit:FlushInterval</c> or until <c>Audit:BatchSize</c> rows wait, and inserts them in one statement.
/// When the database is away the loop keeps the batch and retries with backoff (up to 10 s between tries) while new
/// entries wait in the buffer; once the buffer is full, new entries are dropped, counted and reported as errors at
/// most every 10 s (each is still in the log category DossierTracking.Audit). A lookup never waits. On shutdown the
/// buffer is closed and flushed until the host's shutdown timeout; what is still unwritten then is counted as lost.
/// </summary>
public sealed partial class AuditWriter : IAuditSink, IHostedService, IDisposable
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan DropReportInterval = TimeSpan.FromSeconds(10);

    private readonly AuditStore _store;
    private readonly AuditOptions _options;
    private readonly ILogger<AuditWriter> _logger;
    private readonly Channel<AuditEntry> _buffer;
    private readonly CancellationTokenSource _abandon = new();
    private Task _loop = Task.CompletedTask;
    private long _dropped;
    private long _droppedReported;
    private long _written;
    private DateTime _lastDropReport = DateTime.MinValue;

    public AuditWriter(AuditStore store, IOptions<AuditOptions> options, ILogger<AuditWriter> logger)
    {
        _store = store;
        _options = options.Value;
        _logger = logger;
        // Wait mode, but only TryWrite is used: it answers false at once when the buffer is full.
        _buffer = Channel.CreateBounded<AuditEntry>(new BoundedChannelOptions(_options.BufferSize)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
        });
    }

    /// <summary>Entries dropped since start (buffer full, refused by the database, or unwritten at shutdown).</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Entries stored since start.</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <summary>Entries waiting in the buffer.</summary>
    public int Buffered => _buffer.Reader.Count;

    public bool TryAppend(AuditEntry entry)
    {
        if (_buffer.Writer.TryWrite(entry))
        {
            return true;
        }

        Interlocked.Increment(ref _dropped);
        return false;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _loop = Task.Run(() => RunAsync(_abandon.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>Closes the buffer and writes what it holds, until <paramref name="cancellationToken"/> (the host's shutdown timeout) says stop.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _buffer.Writer.TryComplete();
        try
        {
            await _loop.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await _abandon.CancelAsync();
            await _loop;
        }

        ReportDrops(force: true);
    }

    private async Task RunAsync(CancellationToken abandon)
    {
        var batch = new List<AuditEntry>();
        try
        {
            while (await _buffer.Reader.WaitToReadAsync(abandon))
            {
                await GatherAsync(batch, abandon);
                await WriteAsync(batch, abandon);
                batch.Clear();
                ReportDrops(force: false);
            }
        }
        catch (OperationCanceledException) when (abandon.IsCancellationRequested)
        {
            var lost = batch.Count + _buffer.Reader.Count;
            Interlocked.Add(ref _dropped, lost);
            LogLostAtShutdown(lost);
        }
    }

    /// <summary>Takes waiting entries until a batch's worth of rows, or until the flush interval after the first has passed.</summary>
    private async Task GatherAsync(List<AuditEntry> batch, CancellationToken abandon)
    {
        var rows = 0;
        var deadline = DateTime.UtcNow + _options.FlushInterval;
        while (true)
        {
            while (rows < _options.BatchSize && _buffer.Reader.TryRead(out var entry))
            {
                batch.Add(entry);
                rows += 1 + entry.Dossiers.Count;
            }

            var left = deadline - DateTime.UtcNow;
            if (rows >= _options.BatchSize || left <= TimeSpan.Zero || _buffer.Reader.Completion.IsCompleted)
            {
                return;
            }

            using var wait = CancellationTokenSource.CreateLinkedTokenSource(abandon);
            wait.CancelAfter(left);
            try
            {
                if (!await _buffer.Reader.WaitToReadAsync(wait.Token))
                {
                    return; // closed for shutdown and empty: write what there is
                }
            }
            catch (OperationCanceledException) when (!abandon.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task WriteAsync(List<AuditEntry> batch, CancellationToken abandon)
    {
        for (var failures = 0; ; failures++)
        {
            try
            {
                await _store.InsertAsync(batch, abandon);
                Interlocked.Add(ref _written, batch.Count);
                if (failures > 0)
                {
                    LogRecovered(failures, batch.Count);
                }

                return;
            }
            catch (Exception e) when (e is not OperationCanceledException || !abandon.IsCancellationRequested)
            {
                if (AuditStore.IsPermanent(e))
                {
                    // Retrying cannot help and would hold up every entry behind these.
                    Interlocked.Add(ref _dropped, batch.Count);
                    LogRefused(e, batch.Count);
                    return;
                }

                var delay = TimeSpan.FromMilliseconds(Math.Min(MaxBackoff.TotalMilliseconds, 200 * Math.Pow(2, Math.Min(failures, 10))));
                LogWriteFailed(failures + 1, batch.Count, _buffer.Reader.Count, e.GetType().Name, e.Message);
                ReportDrops(force: false);
                await Task.Delay(delay, abandon);
            }
        }
    }

    /// <summary>Says loudly, at most every 10 s, how many entries were dropped since the last report.</summary>
    private void ReportDrops(bool force)
    {
        var dropped = Interlocked.Read(ref _dropped);
        var reported = Interlocked.Read(ref _droppedReported);
        if (dropped == reported || (!force && DateTime.UtcNow - _lastDropReport < DropReportInterval))
        {
            return;
        }

        _lastDropReport = DateTime.UtcNow;
        Interlocked.Exchange(ref _droppedReported, dropped);
        LogDropped(dropped - reported, dropped, _options.BufferSize);
    }

    public void Dispose() => _abandon.Dispose();

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Writing {Count} audit entries failed (attempt {Attempt}, {Buffered} more waiting): {ExceptionType}: {Reason}; retrying")]
    private partial void LogWriteFailed(int attempt, int count, int buffered, string exceptionType, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit entries are being written again after {Failures} failed attempts ({Count} in the batch)")]
    private partial void LogRecovered(int failures, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "The database refused {Count} audit entries; they are dropped (their lines are in the log category DossierTracking.Audit)")]
    private partial void LogRefused(Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "AUDIT ENTRIES LOST: {Count} dropped since the last report ({Total} since start); the buffer holds at most {BufferSize} entries while the database is slow or away. Their lines are in the log category DossierTracking.Audit")]
    private partial void LogDropped(long count, long total, int bufferSize);

    [LoggerMessage(Level = LogLevel.Error, Message = "AUDIT ENTRIES LOST: {Count} entries were not written before the shutdown timeout")]
    private partial void LogLostAtShutdown(int count);
}
