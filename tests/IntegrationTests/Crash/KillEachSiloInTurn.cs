using DossierTracking.IntegrationTests.Infrastructure;
using Grpc.Core;

namespace DossierTracking.IntegrationTests.Crash;

/// <summary>
/// The storm the crash tests of background deliveries share: two silo processes on one PostgreSQL cluster under
/// writes from several callers; each silo in turn is SIGKILLed, left dead for 2 s (its grains move to the other) and
/// restarted on its ports, so whichever silo held the delivering grain died with work in flight. A write that meets a
/// dying silo fails and the caller goes on with the other one: what committed is in the feed either way.
/// </summary>
public static class KillEachSiloInTurn
{
    private static readonly TimeSpan StartupLimit = TimeSpan.FromSeconds(60);

    /// <summary>The settings of a two-silo cluster on <paramref name="connectionString"/> that declares a killed silo dead within seconds.</summary>
    public static Dictionary<string, string> Environment(string connectionString, string clusterPrefix) => new()
    {
        ["Storage__Provider"] = "PostgreSql",
        ["Storage__ConnectionString"] = connectionString,
        ["Silo__Clustering"] = "AdoNet",
        ["Silo__ClusterId"] = clusterPrefix + "-" + Guid.NewGuid().ToString("N")[..8],
        ["Silo__Membership__ProbeTimeout"] = "00:00:01",
        ["Silo__Membership__NumMissedProbesLimit"] = "2",
        ["Silo__Membership__NumVotesForDeathDeclaration"] = "1",
        ["Silo__Membership__TableRefreshTimeout"] = "00:00:02",
        ["Silo__Membership__IAmAliveTablePublishTimeout"] = "00:00:02",
        ["ChangeFeed__MoveInterval"] = "00:00:00.050",
        ["Logging__LogLevel__Default"] = "Warning",
    };

    /// <summary>
    /// Starts the two silos, calls <paramref name="prepare"/> on the first, runs <paramref name="writers"/> callers of
    /// <paramref name="write"/> through both while each silo is killed and restarted in turn, and returns the two live
    /// silos (the caller disposes them).
    /// </summary>
    public static async Task<SiloProcess[]> RunAsync(Dictionary<string, string> environment, int writers, Func<SiloProcess, Task> write, Func<SiloProcess, Task>? prepare = null)
    {
        var silos = new SiloProcess?[2];
        silos[0] = await SiloProcess.StartAsync(environment, StartupLimit);
        silos[1] = await SiloProcess.StartAsync(environment, StartupLimit);
        if (prepare is not null)
        {
            await prepare(silos[0]!);
        }

        using var stop = new CancellationTokenSource();
        var callers = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var turn = w;
            while (!stop.IsCancellationRequested)
            {
                if (silos[turn++ % 2] is not { } silo)
                {
                    continue;
                }

                try
                {
                    await write(silo);
                }
                catch (RpcException)
                {
                    await Task.Delay(20);
                }
            }
        })).ToList();

        try
        {
            for (var i = 0; i < 2; i++)
            {
                await Task.Delay(TimeSpan.FromSeconds(3));
                var victim = silos[i]!;
                silos[i] = null;
                await victim.KillAsync();
                await Task.Delay(TimeSpan.FromSeconds(2));
                silos[i] = await SiloProcess.StartAsync(environment, StartupLimit, victim.Ports);
                await victim.DisposeAsync();
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(callers);
        }

        return [silos[0]!, silos[1]!];
    }
}
