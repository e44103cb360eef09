using DossierTracking.Tools;
using DossierTracking.GrpcApi.V1;
using DossierTracking.IntegrationTests.Infrastructure;
using DossierTracking.Silo.Operations;
using Npgsql;
using Xunit.Abstractions;
using static DossierTracking.IntegrationTests.Feed.FeedSupport;

namespace DossierTracking.IntegrationTests.Crash;

/// <summary>
/// Two silo processes on PostgreSQL under load, both running the feed's sequencer, with the reference consumer following
/// the feed; one silo is SIGKILLed with writes in flight and restarted. Afterwards the feed holds, for every stored
/// dossier, exactly its versions 1..stored version in order (a write that committed is there, one that did not is
/// not), every acknowledged change among them, and the consumer's file is the feed, line for line.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ChangeFeedCrashTests(PostgresFixture postgres, ITestOutputHelper output)
{
    private static readonly TimeSpan StartupLimit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task After_kill_9_of_a_silo_mid_load_the_feed_and_the_consumer_copy_hold_every_committed_change_once_in_order()
    {
        var connectionString = (await postgres.NewDatabaseSettingsAsync())["Storage:ConnectionString"]!;
        var environment = new Dictionary<string, string>
        {
            ["Storage__Provider"] = "PostgreSql",
            ["Storage__ConnectionString"] = connectionString,
            ["Silo__Clustering"] = "AdoNet",
            ["Silo__ClusterId"] = "feed-" + Guid.NewGuid().ToString("N")[..8],
            ["Silo__Membership__ProbeTimeout"] = "00:00:01",
            ["Silo__Membership__NumMissedProbesLimit"] = "2",
            ["Silo__Membership__NumVotesForDeathDeclaration"] = "1",
            ["Silo__Membership__TableRefreshTimeout"] = "00:00:02",
            ["Silo__Membership__IAmAliveTablePublishTimeout"] = "00:00:02",
            ["ChangeFeed__MoveInterval"] = "00:00:00.050",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        await using var survivor = await SiloProcess.StartAsync(environment, StartupLimit);
        await using var victim = await SiloProcess.StartAsync(environment, StartupLimit);
        var load = new ClusterLoad([survivor.Dossiers, victim.Dossiers], workers: 12);
        var file = Path.Combine(TestHost.NewDataDirectory(), "changes.jsonl");
        using var stopFollowing = new CancellationTokenSource();
        var following = new FeedSync(new ChangeFeedService.ChangeFeedServiceClient(survivor.Invoker), file)
        {
            PageSize = 200,
            PollInterval = TimeSpan.FromMilliseconds(50),
        }.RunAsync(follow: true, stopFollowing.Token);

        await Task.Delay(TimeSpan.FromSeconds(3));
        // Killed with calls on their way to it and its sequencer running; only then do callers stop choosing it.
        await victim.KillAsync();
        load.MarkDown(1);
        await Task.Delay(TimeSpan.FromSeconds(2));

        // The killed silo comes back on its ports while the load goes on through the other.
        await using var restarted = await SiloProcess.StartAsync(environment, StartupLimit, victim.Ports);
        await Task.Delay(TimeSpan.FromSeconds(2));
        await load.StopAsync();

        await using var database = NpgsqlDataSource.Create(connectionString);
        await EventuallyAsync(() => CountAsync(database, "SELECT count(*) FROM dvc_change_pending"), n => n == 0, TimeSpan.FromSeconds(30), "pending changes");

        // The consumer stops following, and a second run through the restarted silo catches up and ends by itself.
        await stopFollowing.CancelAsync();
        var followed = await following;
        var caughtUp = await new FeedSync(new ChangeFeedService.ChangeFeedServiceClient(restarted.Invoker), file).RunAsync(follow: false, CancellationToken.None);

        // What committed is the stored state: its version per dossier.
        var stored = new Dictionary<string, long>();
        await using (var command = database.CreateCommand("SELECT key_text, version FROM dvc_grain_state WHERE state_name = 'dossier' AND payload IS NOT NULL"))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                stored[reader.GetString(0)] = reader.GetInt32(1);
            }
        }

        var feed = new List<(long Position, ChangeKey Change)>();
        await using (var command = database.CreateCommand("SELECT position, receipt_code, version FROM dvc_change_feed ORDER BY position"))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                feed.Add((reader.GetInt64(0), new ChangeKey(reader.GetString(1), reader.GetInt32(2))));
            }
        }

        AssertExact(feed, stored);
        foreach (var (code, version) in load.Acknowledged)
        {
            Assert.True(stored.TryGetValue(code, out var at) && at >= version, $"{code}: acknowledged version {version}, stored {at}");
        }

        var copied = ReadConsumerFile(file);
        Assert.Equal(feed, copied.Select(c => (c.Position, c.Change)).ToList());
        output.WriteLine($"{feed.Count} changes of {stored.Count} dossiers ({load.Acknowledged.Count} acknowledged); the consumer copied " +
            $"{followed.Written} while following and {caughtUp.Written} catching up; statuses: " +
            string.Join(", ", load.Statuses.OrderBy(s => s.Key).Select(s => $"{s.Key} {s.Value}")));
        Assert.True(feed.Count > 100, $"only {feed.Count} changes were made");
        Assert.True(load.Statuses.Any(s => s.Key != Grpc.Core.StatusCode.OK), "no call was on its way to the killed silo");
    }

    private static async Task<long> CountAsync(NpgsqlDataSource database, string sql)
    {
        await using var command = database.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
