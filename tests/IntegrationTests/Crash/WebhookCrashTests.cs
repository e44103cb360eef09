using DossierTracking.GrpcApi.V1;
using DossierTracking.IntegrationTests.Infrastructure;
using DossierTracking.IntegrationTests.Webhooks;
using Grpc.Core;
using Npgsql;
using Xunit.Abstractions;
using static DossierTracking.IntegrationTests.Infrastructure.Requests;

namespace DossierTracking.IntegrationTests.Crash;

/// <summary>
/// Webhooks through silo deaths: two silo processes on PostgreSQL under writes, one subscription taking every change;
/// each silo in turn is SIGKILLed and restarted, so whichever held the subscription died with deliveries in flight.
/// Afterwards the receiver holds every committed change of the feed, each dossier's in the order they were made;
/// a change sent twice came with the same event id.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class WebhookCrashTests(PostgresFixture postgres, ITestOutputHelper output)
{
    private static readonly TimeSpan StartupLimit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task After_kill_9_of_each_silo_in_turn_every_committed_change_reaches_the_partner_in_order_per_dossier()
    {
        var connectionString = (await postgres.NewDatabaseSettingsAsync())["Storage:ConnectionString"]!;
        var environment = new Dictionary<string, string>
        {
            ["Storage__Provider"] = "PostgreSql",
            ["Storage__ConnectionString"] = connectionString,
            ["Silo__Clustering"] = "AdoNet",
            ["Silo__ClusterId"] = "hooks-" + Guid.NewGuid().ToString("N")[..8],
            ["Silo__Membership__ProbeTimeout"] = "00:00:01",
            ["Silo__Membership__NumMissedProbesLimit"] = "2",
            ["Silo__Membership__NumVotesForDeathDeclaration"] = "1",
            ["Silo__Membership__TableRefreshTimeout"] = "00:00:02",
            ["Silo__Membership__IAmAliveTablePublishTimeout"] = "00:00:02",
            ["ChangeFeed__MoveInterval"] = "00:00:00.050",
            ["Webhooks__PollInterval"] = "00:00:00.050",
            ["Webhooks__AllowPrivateNetworks"] = "true",
            ["Webhooks__WakeInterval"] = "00:00:01",
            ["Webhooks__FirstRetryDelay"] = "00:00:00.050",
            ["Webhooks__MaxRetryDelay"] = "00:00:00.500",
            ["Webhooks__MaxAttempts"] = "1000",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        await using var receiver = await WebhookReceiver.StartAsync();
        // A partner that takes a moment per event, so deliveries are in flight when a silo dies.
        receiver.Answer = async _ =>
        {
            await Task.Delay(2);
            return 200;
        };

        var silos = new SiloProcess?[2];
        silos[0] = await SiloProcess.StartAsync(environment, StartupLimit);
        silos[1] = await SiloProcess.StartAsync(environment, StartupLimit);
        var subscriptions = new SubscriptionService.SubscriptionServiceClient(silos[0]!.Invoker);
        await subscriptions.CreateSubscriptionAsync(new CreateSubscriptionRequest
        {
            Name = "Cổng DVC quốc gia", Endpoint = receiver.Url, StartFromPosition = true, StartAfterPosition = 0,
        });

        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 6).Select(w => Task.Run(async () =>
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
                    var code = (await silo.Dossiers.SubmitDossierAsync(Submit())).ReceiptCode;
                    await silo.Dossiers.AcceptDossierAsync(new AcceptDossierRequest { ReceiptCode = code, Actor = Desk() });
                }
                catch (RpcException)
                {
                    // A silo going down: the next write goes to the other one. What committed is in the feed either way.
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
            await Task.WhenAll(writers);
        }

        await using var database = NpgsqlDataSource.Create(connectionString);
        var committed = await FeedAsync(database);
        Assert.True(committed.Count > 50, $"only {committed.Count} changes were written");
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline && !committed.All(receiver.Accepted.Select(a => a.Id).ToHashSet().Contains))
        {
            await Task.Delay(200);
            committed = await FeedAsync(database);
        }

        var accepted = receiver.Accepted;
        var acceptedIds = accepted.Select(a => a.Id).ToHashSet();
        var missing = committed.Where(c => !acceptedIds.Contains(c)).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} of {committed.Count} committed changes never reached the partner, e.g. {string.Join(", ", missing.Take(5))}");

        // Per dossier, the first arrival of each version comes in version order; repeats carry an id seen before.
        foreach (var (code, versions) in WebhookSupport.VersionsByDossier(accepted))
        {
            var firsts = versions.Distinct().ToList();
            Assert.True(firsts.SequenceEqual(firsts.Order()), $"dossier {code}'s changes arrived out of order: {string.Join(",", versions)}");
        }

        var repeats = accepted.Count - accepted.Select(a => a.Id).Distinct().Count();
        output.WriteLine($"{committed.Count} changes committed, {accepted.Count} deliveries accepted, {repeats} of them repeats of an event id already delivered");
        foreach (var silo in silos)
        {
            await silo!.DisposeAsync();
        }
    }

    private static async Task<List<string>> FeedAsync(NpgsqlDataSource database)
    {
        var ids = new List<string>();
        await using var command = database.CreateCommand("SELECT receipt_code, version FROM dvc_change_feed ORDER BY position");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add($"{reader.GetString(0)}/{reader.GetInt32(1)}");
        }

        return ids;
    }
}
