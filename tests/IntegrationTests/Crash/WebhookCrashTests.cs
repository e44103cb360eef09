using DossierTracking.GrpcApi.V1;
using DossierTracking.IntegrationTests.Infrastructure;
using DossierTracking.IntegrationTests.Webhooks;
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
    [Fact]
    public async Task After_kill_9_of_each_silo_in_turn_every_committed_change_reaches_the_partner_in_order_per_dossier()
    {
        var connectionString = (await postgres.NewDatabaseSettingsAsync())["Storage:ConnectionString"]!;
        var environment = KillEachSiloInTurn.Environment(connectionString, "hooks");
        environment["Webhooks__PollInterval"] = "00:00:00.050";
        environment["Webhooks__AllowPrivateNetworks"] = "true";
        environment["Webhooks__WakeInterval"] = "00:00:01";
        environment["Webhooks__FirstRetryDelay"] = "00:00:00.050";
        environment["Webhooks__MaxRetryDelay"] = "00:00:00.500";
        environment["Webhooks__MaxAttempts"] = "1000";
        await using var receiver = await WebhookReceiver.StartAsync();
        // A partner that takes a moment per event, so deliveries are in flight when a silo dies.
        receiver.Answer = async _ =>
        {
            await Task.Delay(2);
            return 200;
        };

        var silos = await KillEachSiloInTurn.RunAsync(environment, writers: 6,
            write: async silo =>
            {
                var code = (await silo.Dossiers.SubmitDossierAsync(Submit())).ReceiptCode;
                await silo.Dossiers.AcceptDossierAsync(new AcceptDossierRequest { ReceiptCode = code, Actor = Desk() });
            },
            prepare: silo => new SubscriptionService.SubscriptionServiceClient(silo.Invoker).CreateSubscriptionAsync(new CreateSubscriptionRequest
            {
                Name = "Cổng DVC quốc gia", Endpoint = receiver.Url, StartFromPosition = true, StartAfterPosition = 0,
            }).ResponseAsync);

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
            await silo.DisposeAsync();
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
