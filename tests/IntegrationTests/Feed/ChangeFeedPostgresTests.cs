using DossierTracking.GrpcApi.V1;
using DossierTracking.IntegrationTests.Infrastructure;
using DossierTracking.Silo.Configuration;
using DossierTracking.Silo.Feed;
using DossierTracking.Silo.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Xunit.Abstractions;
using static DossierTracking.IntegrationTests.Feed.FeedSupport;
using FeedChange = DossierTracking.GrpcApi.V1.FeedChange;

namespace DossierTracking.IntegrationTests.Feed;

/// <summary>
/// The change feed on PostgreSQL, where positions come from the sequencer: many concurrent writers, several movers
/// competing for the lock, and a reader following along that must miss nothing and see positions only ascend.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ChangeFeedPostgresTests(PostgresFixture postgres, ITestOutputHelper output)
{
    [Fact]
    public async Task Concurrent_writers_and_competing_movers_give_a_reader_following_along_every_change_once_in_order()
    {
        var settings = new Dictionary<string, string?>(await postgres.NewDatabaseSettingsAsync())
        {
            ["ChangeFeed:MoveInterval"] = "00:00:00.020",
            ["ChangeFeed:MoveBatch"] = "37",
        };
        var connectionString = settings["Storage:ConnectionString"]!;
        await using var host = await TestHost.StartAsync(settings: settings);
        var feed = new ChangeFeedService.ChangeFeedServiceClient(host.Invoker);

        // Two more movers, as two more silos would run, competing with the host's for the lock.
        await using var connections = StorageConnections.Create(new StorageOptions { Provider = StorageBackend.PostgreSql, ConnectionString = connectionString });
        using var stop = new CancellationTokenSource();
        var moved = new long[2];
        var busy = new long[2];
        var movers = Enumerable.Range(0, 2).Select(i => Task.Run(async () =>
        {
            var mover = new ChangeFeedSequencer(connections.ReadModelPostgreSql!,
                Options.Create(new ChangeFeedOptions { MoveBatch = 53 }), NullLogger<ChangeFeedSequencer>.Instance);
            while (!stop.IsCancellationRequested)
            {
                var count = await mover.MoveOnceAsync(CancellationToken.None);
                if (count is { } n)
                {
                    Interlocked.Add(ref moved[i], n);
                }
                else
                {
                    Interlocked.Increment(ref busy[i]);
                }

                await Task.Delay(3);
            }
        })).ToList();

        // A reader following the feed from the start while the writes go on, as fast as it can.
        var seen = new List<FeedChange>();
        long followed = 0;
        var follower = Task.Run(async () =>
        {
            long after = 0;
            while (!stop.IsCancellationRequested)
            {
                var reply = await feed.ReadChangesAsync(new ReadChangesRequest { AfterPosition = after, PageSize = 100 });
                foreach (var change in reply.Changes)
                {
                    Assert.True(change.Position > after, $"position {change.Position} after {after}");
                    after = change.Position;
                }

                seen.AddRange(reply.Changes);
                Interlocked.Exchange(ref followed, after);
                if (reply.Changes.Count == 0)
                {
                    await Task.Delay(2);
                }
            }
        });

        var codes = await WriteConcurrentlyAsync(host.Dossiers, workers: 16, dossiersPerWorker: 15, seed: 61);

        // Everything captured is moved, and the reader has read up to the last position.
        await using var database = NpgsqlDataSource.Create(connectionString);
        await EventuallyAsync(() => Scalar(database, "SELECT count(*) FROM dvc_change_pending"), n => n == 0, TimeSpan.FromSeconds(30), "pending changes");
        var last = await Scalar(database, "SELECT max(position) FROM dvc_change_feed");
        await EventuallyAsync(() => Task.FromResult(Interlocked.Read(ref followed)), p => p == last, TimeSpan.FromSeconds(30), "the follower's position");
        await stop.CancelAsync();
        await follower;
        await Task.WhenAll(movers);

        var dossiers = await GetAllAsync(host.Dossiers, codes);
        AssertExact(seen, dossiers);
        Assert.Equal(seen, await ReadAllAsync(feed, pageSize: 1000));
        output.WriteLine($"{seen.Count} changes of {dossiers.Count} dossiers; the test's movers moved {moved.Sum()} " +
            $"and found the lock taken {busy.Sum()} times; last position {last}");
        Assert.True(moved.Sum() > 0, "the competing movers never moved anything");
        Assert.True(busy.Sum() > 0, "the movers never competed for the lock");
    }

    [Fact]
    public async Task A_write_that_commits_late_gets_a_position_after_those_already_readable_and_a_rolled_back_one_none()
    {
        var connectionString = (await postgres.NewDatabaseSettingsAsync())["Storage:ConnectionString"]!;
        var options = Options.Create(new StorageOptions { Provider = StorageBackend.PostgreSql, ConnectionString = connectionString });
        await using var connections = StorageConnections.Create(options.Value);
        await new SchemaMigrator(connections, options, NullLogger<SchemaMigrator>.Instance).MigrateAsync(CancellationToken.None);
        var mover = new ChangeFeedSequencer(connections.ReadModelPostgreSql!, Options.Create(new ChangeFeedOptions()), NullLogger<ChangeFeedSequencer>.Instance);
        await using var database = NpgsqlDataSource.Create(connectionString);

        // The slow write takes its pending id first, and commits last.
        await using var slow = await database.OpenConnectionAsync();
        await using var slowTransaction = await slow.BeginTransactionAsync();
        await WriteStateAsync(slow, slowTransaction, "X1-201021-0001");
        await using var failed = await database.OpenConnectionAsync();
        await using var failedTransaction = await failed.BeginTransactionAsync();
        await WriteStateAsync(failed, failedTransaction, "X1-201021-0002");
        await using (var quick = await database.OpenConnectionAsync())
        {
            await WriteStateAsync(quick, null, "X1-201021-0003");
        }

        Assert.Equal(1, await mover.MoveOnceAsync(CancellationToken.None));
        Assert.Equal([(1L, "X1-201021-0003")], await FeedAsync(database));

        await slowTransaction.CommitAsync();
        await failedTransaction.RollbackAsync();
        Assert.Equal(1, await mover.MoveOnceAsync(CancellationToken.None));
        Assert.Equal([(1L, "X1-201021-0003"), (2L, "X1-201021-0001")], await FeedAsync(database));
        Assert.Equal(0, await mover.MoveOnceAsync(CancellationToken.None));

        // While one mover holds the lock, another skips its turn and moves nothing.
        await WriteStateAsync(slow, null, "X1-201021-0004");
        await using (var holder = await database.OpenConnectionAsync())
        await using (var holding = await holder.BeginTransactionAsync())
        {
            await using var take = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({ChangeFeedSequencer.AdvisoryLockKey})", holder, holding);
            await take.ExecuteNonQueryAsync();
            Assert.Null(await mover.MoveOnceAsync(CancellationToken.None));
        }

        Assert.Equal(1, await mover.MoveOnceAsync(CancellationToken.None));
        Assert.Equal((3L, "X1-201021-0004"), (await FeedAsync(database))[^1]);
    }

    private static async Task WriteStateAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string code)
    {
        await using var command = new NpgsqlCommand(
            "INSERT INTO dvc_grain_state (service_id, state_name, key_n0, key_n1, key_text, version, payload, modified_at) " +
            "VALUES ('test', 'dossier', 0, 0, @code, 1, '\\x00'::bytea, now())", connection, transaction);
        command.Parameters.AddWithValue("code", code);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<(long, string)>> FeedAsync(NpgsqlDataSource database)
    {
        await using var command = database.CreateCommand("SELECT position, receipt_code FROM dvc_change_feed ORDER BY position");
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(long, string)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetInt64(0), reader.GetString(1)));
        }

        return rows;
    }

    [Fact]
    public async Task The_migration_puts_dossiers_stored_before_the_feed_existed_into_it_on_PostgreSQL()
    {
        var settings = await postgres.NewDatabaseSettingsAsync();
        IReadOnlyCollection<string> codes;
        await using (var first = await TestHost.StartAsync(settings: settings))
        {
            codes = await WriteConcurrentlyAsync(first.Dossiers, workers: 4, dossiersPerWorker: 5, seed: 71);
        }

        var migration = SchemaMigrator.Embedded(StorageBackend.PostgreSql).Single(m => m.Name.EndsWith("_change_feed", StringComparison.Ordinal));
        await using (var database = NpgsqlDataSource.Create(settings["Storage:ConnectionString"]!))
        {
            await using var command = database.CreateCommand(
                "DROP TRIGGER dvc_change_capture ON dvc_grain_state; DROP FUNCTION dvc_change_capture(); " +
                "DROP TABLE dvc_change_feed; DROP TABLE dvc_change_pending; DELETE FROM dvc_schema_migrations WHERE version = @v;");
            command.Parameters.AddWithValue("v", migration.Version);
            await command.ExecuteNonQueryAsync();
        }

        await using var second = await TestHost.StartAsync(settings: settings);
        var feed = new ChangeFeedService.ChangeFeedServiceClient(second.Invoker);
        var dossiers = await GetAllAsync(second.Dossiers, codes);
        var backfilled = await ReadAllAsync(feed, pageSize: 9);
        AssertExact(backfilled, dossiers);
        Assert.All(backfilled.Where(c => c.Version < dossiers[c.ReceiptCode].Version), c => Assert.Equal(c.Entry.At, c.CommittedAt));

        var created = await second.Dossiers.SubmitDossierAsync(Requests.Submit());
        var next = await EventuallyAsync(() => ReadAllAsync(feed, pageSize: 9, after: backfilled[^1].Position), c => c.Count > 0, TimeSpan.FromSeconds(30), "the new change");
        Assert.Equal((created.ReceiptCode, 1L), (Assert.Single(next).ReceiptCode, next[0].Version));
    }

    private static async Task<long> Scalar(NpgsqlDataSource database, string sql)
    {
        await using var command = database.CreateCommand(sql);
        return await command.ExecuteScalarAsync() is long value ? value : 0;
    }
}
