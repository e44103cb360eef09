using DossierTracking.GrpcApi.V1;
using DossierTracking.IntegrationTests.Infrastructure;
using DossierTracking.IntegrationTests.Notifications;
using Npgsql;
using Xunit.Abstractions;
using static DossierTracking.IntegrationTests.Infrastructure.Requests;

namespace DossierTracking.IntegrationTests.Crash;

/// <summary>
/// Applicants' messages through silo deaths: two silo processes on PostgreSQL take submissions while the notification
/// dispatcher sends each applicant's receipt message to an SMS gateway; each silo in turn is SIGKILLed and restarted,
/// so whichever held the dispatcher died with messages in flight. Afterwards every committed submission got its
/// message, and only one message: a message sent again (the gateway took it, the silo died before recording that)
/// carried the same id, which the gateway uses as its idempotency key.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class NotificationCrashTests(PostgresFixture postgres, ITestOutputHelper output)
{
    [Fact]
    public async Task After_kill_9_of_each_silo_in_turn_every_committed_submission_has_exactly_one_receipt_message()
    {
        await using var gateway = await NotificationGateway.StartAsync();
        var connectionString = (await postgres.NewDatabaseSettingsAsync())["Storage:ConnectionString"]!;
        var environment = KillEachSiloInTurn.Environment(connectionString, "notify");
        foreach (var (key, value) in gateway.Settings(maxAttempts: 100))
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value!;
        }

        environment["Notifications__PollInterval"] = "00:00:00.050";
        // A gateway that takes a moment per message, so messages are in flight when a silo dies.
        gateway.Answer = _ =>
        {
            Thread.Sleep(2);
            return 200;
        };

        var silos = await KillEachSiloInTurn.RunAsync(environment, writers: 4, write: silo => silo.Dossiers.SubmitDossierAsync(Submit()).ResponseAsync);

        await using var database = NpgsqlDataSource.Create(connectionString);
        var submitted = await SubmissionsAsync(database);
        Assert.True(submitted.Count > 30, $"only {submitted.Count} dossiers were submitted");
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline && !submitted.All(Told().Contains))
        {
            await Task.Delay(200);
        }

        var told = Told();
        var missing = submitted.Where(c => !told.Contains(c)).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} of {submitted.Count} applicants were never told of their submission, e.g. {string.Join(", ", missing.Take(5))}");

        // One message per submission: a message sent again is the same message (same id, same idempotency key).
        var accepted = gateway.Accepted;
        foreach (var dossier in accepted.GroupBy(m => m.ReceiptCode))
        {
            var ids = dossier.Select(m => m.MessageId).Distinct().ToList();
            Assert.True(ids.Count == 1, $"dossier {dossier.Key} got {ids.Count} different receipt messages: {string.Join(", ", ids)}");
            Assert.All(dossier, m => Assert.Equal(m.MessageId, m.IdempotencyKey));
            Assert.All(dossier, m => Assert.Equal("Receipt", m.Kind));
        }

        var repeats = accepted.Count - accepted.Select(m => m.MessageId).Distinct().Count();
        output.WriteLine($"{submitted.Count} submissions committed, {accepted.Count} messages accepted by the gateway, {repeats} of them sent again with the same id");
        foreach (var silo in silos)
        {
            await silo.DisposeAsync();
        }

        HashSet<string> Told() => [.. gateway.Accepted.Select(m => m.ReceiptCode)];
    }

    /// <summary>The receipt codes of every committed submission (version 1 in the change feed).</summary>
    private static async Task<List<string>> SubmissionsAsync(NpgsqlDataSource database)
    {
        var codes = new List<string>();
        await using var command = database.CreateCommand("SELECT receipt_code FROM dvc_change_feed WHERE version = 1 ORDER BY position");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            codes.Add(reader.GetString(0));
        }

        return codes;
    }
}
