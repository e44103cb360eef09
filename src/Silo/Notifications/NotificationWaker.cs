using DossierTracking.Contracts.Notifications;
using DossierTracking.Grains.Notifications;
using Microsoft.Extensions.Options;

namespace DossierTracking.Silo.Notifications;

/// <summary>
/// Wakes the notification dispatcher at a steady interval: it keeps itself running once active, and this brings it
/// back after a restart of the cluster or the death of its silo. Every silo with notifications on runs it.
/// </summary>
public sealed partial class NotificationWaker(IGrainFactory grains, IOptions<NotificationOptions> options, ILogger<NotificationWaker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.WakeInterval);
        do
        {
            try
            {
                await grains.GetGrain<INotificationDispatcherGrain>(0).WakeAsync();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogWakeFailed(e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Waking the notification dispatcher failed; the next round tries again")]
    private partial void LogWakeFailed(Exception exception);
}
