using DossierTracking.Contracts.Duties;
using DossierTracking.Grains.Duties;
using Microsoft.Extensions.Options;

namespace DossierTracking.Silo.Duties;

/// <summary>
/// Wakes the cluster's duty sweep (<see cref="IDutySweepGrain"/>) every <see cref="DutyOptions.SweepInterval"/>, once at
/// start. Every silo with duties on runs it, so the sweep goes on while any silo lives; a wake-up that finds a round
/// running waits for it and then runs a short one.
/// </summary>
public sealed partial class DutySweepWaker(IGrainFactory grains, IOptions<DutyOptions> options, ILogger<DutySweepWaker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval);
        do
        {
            try
            {
                await grains.GetGrain<IDutySweepGrain>(0).SweepAsync();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogSweepFailed(e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The duty sweep failed; the next wake-up tries again")]
    private partial void LogSweepFailed(Exception exception);
}
