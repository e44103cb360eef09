using DossierTracking.Contracts.Webhooks;
using DossierTracking.Grains.Webhooks;
using Microsoft.Extensions.Options;

namespace DossierTracking.Silo.Webhooks;

/// <summary>
/// Wakes every subscription at a steady interval. A subscription keeps itself running once active; this brings it back
/// after a restart of the cluster or the death of the silo that held it (Orleans then activates it on a live silo).
/// Every silo runs it, so the round survives any one silo; waking a running subscription costs one message.
/// </summary>
public sealed partial class SubscriptionWaker(IGrainFactory grains, IOptions<WebhookOptions> options, ILogger<SubscriptionWaker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.WakeInterval;
        using var timer = new PeriodicTimer(interval);
        do
        {
            try
            {
                var ids = await grains.GetGrain<ISubscriptionRegistryGrain>(0).ListAsync();
                await Task.WhenAll(ids.Select(id => grains.GetGrain<ISubscriptionGrain>(id).WakeAsync()));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The next round tries again; a silo that is starting or stopping may not reach the registry.
                LogRoundFailed(e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Waking the webhook subscriptions failed; the next round tries again")]
    private partial void LogRoundFailed(Exception exception);
}
