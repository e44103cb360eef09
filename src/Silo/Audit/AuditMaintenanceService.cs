using DossierTracking.Silo.Configuration;
using DossierTracking.Silo.Storage;
using Microsoft.Extensions.Options;

namespace DossierTracking.Silo.Audit;

/// <summary>
/// Runs <see cref="AuditPartitions"/> on every silo: once at start-up, before the gRPC endpoint takes calls (so this
/// month's partitions exist before the first entry is written), then every hour. Runs of several silos queue on the
/// maintenance's advisory lock and find the work done. A failed run is logged and tried again an hour later (meanwhile
/// the DEFAULT partition takes entries whose month has no partition).
/// </summary>
public sealed partial class AuditMaintenanceService(AuditPartitions partitions, IOptions<AuditOptions> options, ILogger<AuditMaintenanceService> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await RunOnceAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(Interval, stoppingToken);
                await RunOnceAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            var outcome = await partitions.RunAsync(DateTimeOffset.UtcNow, options.Value.Retention, cancellationToken);
            if (outcome.Created.Count > 0 || outcome.Dropped.Count > 0 || outcome.DeletedRows > 0)
            {
                LogDone(string.Join(", ", outcome.Created), string.Join(", ", outcome.Dropped), outcome.DeletedRows);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogFailed(e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Audit maintenance: partitions created [{Created}], dropped past retention [{Dropped}], {Deleted} rows deleted past retention")]
    private partial void LogDone(string created, string dropped, long deleted);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit maintenance failed; it runs again within the hour")]
    private partial void LogFailed(Exception exception);
}
