using DossierTracking.Contracts.Feed;
using DossierTracking.GrpcApi.V1;
using DossierTracking.IntegrationTests.Infrastructure;
using DossierTracking.Silo.Configuration;
using DossierTracking.Silo.Storage;
using Grpc.Core;
using Grpc.Reflection.V1Alpha;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static DossierTracking.IntegrationTests.Feed.FeedSupport;
using static DossierTracking.IntegrationTests.Infrastructure.Requests;
using FeedChange = DossierTracking.GrpcApi.V1.FeedChange;

namespace DossierTracking.IntegrationTests.Feed;

/// <summary>The change feed on the embedded storage: exact, in commit order, paged, validated, durable across restarts.</summary>
public sealed class ChangeFeedTests
{
    private readonly FakeTimeProvider _clock = new(Local(2020, 10, 19, 8, 0));

    [Fact]
    public async Task Every_change_of_every_dossier_is_read_once_in_commit_order_in_small_pages()
    {
        await using var host = await TestHost.StartAsync(clock: _clock);
        var api = host.Dossiers;
        var feed = new ChangeFeedService.ChangeFeedServiceClient(host.Invoker);

        // Twelve dossiers moved one step at a time in turn, so that their changes interleave; the order of the
        // acknowledgements is the commit order the feed must reproduce.
        var random = new Random(7);
        var acknowledged = new List<ChangeKey>();
        var plans = new List<(string Code, Queue<Func<DossierService.DossierServiceClient, string, Task<Dossier>>> Steps)>();
        for (var i = 0; i < 12; i++)
        {
            var created = await api.SubmitDossierAsync(Submit());
            acknowledged.Add(new ChangeKey(created.ReceiptCode, created.Version));
            plans.Add((created.ReceiptCode, new Queue<Func<DossierService.DossierServiceClient, string, Task<Dossier>>>(RandomSteps(random))));
        }

        while (plans.Any(p => p.Steps.Count > 0))
        {
            foreach (var (code, steps) in plans.Where(p => p.Steps.Count > 0))
            {
                var changed = await steps.Dequeue()(api, code);
                acknowledged.Add(new ChangeKey(code, changed.Version));
            }
        }

        var changes = await ReadAllAsync(feed, pageSize: 5);
        AssertExact(changes, await GetAllAsync(api, plans.Select(p => p.Code)));
        Assert.Equal(acknowledged, changes.Select(c => new ChangeKey(c.ReceiptCode, c.Version)).ToList());

        // Any page boundary gives the same sequence.
        Assert.Equal(changes, await ReadAllAsync(feed, pageSize: 1000));
        Assert.Equal(changes.Skip(7).ToList(), await ReadAllAsync(feed, pageSize: 3, after: changes[6].Position));

        // The change itself, as the dossier's history has it, with the committed time from the database.
        var first = changes[0];
        Assert.Equal(DossierAction.Submit, first.Entry.Action);
        Assert.Equal(DossierState.Submitted, first.Entry.ToState);
        Assert.Equal(PermitAdjustment, first.ProcedureCode);
        Assert.Equal(Centre, first.ReceivingDeskCode);
        Assert.Equal(Construction, first.HandlingAgencyCode);
        Assert.InRange(first.CommittedAt.ToDateTimeOffset(), DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task Page_size_and_position_are_validated_and_an_empty_read_stays_where_it_was()
    {
        await using var host = await TestHost.StartAsync(clock: _clock);
        var feed = new ChangeFeedService.ChangeFeedServiceClient(host.Invoker);
        foreach (var size in new[] { -1, 1001, int.MaxValue })
        {
            AssertInvalid(await Assert.ThrowsAsync<RpcException>(async () => await feed.ReadChangesAsync(new ReadChangesRequest { PageSize = size })), "page_size");
        }

        AssertInvalid(await Assert.ThrowsAsync<RpcException>(async () => await feed.ReadChangesAsync(new ReadChangesRequest { AfterPosition = -1 })), "after_position");

        var empty = await feed.ReadChangesAsync(new ReadChangesRequest { AfterPosition = 42 });
        Assert.Empty(empty.Changes);
        Assert.Equal(42, empty.NextPosition);
        Assert.False(empty.HasMore);

        // 0 is the default page of 500; 1000 is allowed.
        var codes = await WriteConcurrentlyAsync(host.Dossiers, workers: 1, dossiersPerWorker: 1, seed: 1);
        var all = await feed.ReadChangesAsync(new ReadChangesRequest());
        Assert.NotEmpty(all.Changes);
        Assert.False(all.HasMore);
        Assert.Equal(all.Changes, (await feed.ReadChangesAsync(new ReadChangesRequest { PageSize = 1000 })).Changes);
        AssertExact(all.Changes, await GetAllAsync(host.Dossiers, codes));

        // Listed by reflection, so grpcurl finds it.
        var reflection = new ServerReflection.ServerReflectionClient(host.Channel);
        using var call = reflection.ServerReflectionInfo(TestTokens.Bearer(TestTokens.For(GrpcApi.Security.Roles.Administrator)));
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Contains("dvc.v1.ChangeFeedService", call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name));
    }

    [Fact]
    public async Task Positions_and_pages_are_the_same_after_a_restart_and_new_changes_follow_them()
    {
        var data = TestHost.NewDataDirectory();
        List<FeedChange> before;
        IReadOnlyCollection<string> codes;
        await using (var first = await TestHost.StartAsync(data, _clock))
        {
            codes = await WriteConcurrentlyAsync(first.Dossiers, workers: 3, dossiersPerWorker: 3, seed: 11);
            before = await ReadAllAsync(new ChangeFeedService.ChangeFeedServiceClient(first.Invoker), pageSize: 4);
        }

        await using var second = await TestHost.StartAsync(data, _clock);
        var feed = new ChangeFeedService.ChangeFeedServiceClient(second.Invoker);
        Assert.Equal(before, await ReadAllAsync(feed, pageSize: 4));

        var more = await WriteConcurrentlyAsync(second.Dossiers, workers: 2, dossiersPerWorker: 2, seed: 12);
        var after = await ReadAllAsync(feed, pageSize: 4, after: before[^1].Position);
        Assert.All(after, c => Assert.True(c.Position > before[^1].Position));
        AssertExact([.. before, .. after], await GetAllAsync(second.Dossiers, codes.Concat(more)));
    }

    [Fact]
    public async Task The_migration_puts_dossiers_stored_before_the_feed_existed_into_it()
    {
        var data = TestHost.NewDataDirectory();
        IReadOnlyCollection<string> codes;
        await using (var first = await TestHost.StartAsync(data, _clock))
        {
            codes = await WriteConcurrentlyAsync(first.Dossiers, workers: 2, dossiersPerWorker: 4, seed: 21);
        }

        // Back to a database from before the feed: no triggers, no table, the migration not applied.
        var migration = SchemaMigrator.Embedded(StorageBackend.Sqlite).Single(m => m.Name.EndsWith("_change_feed", StringComparison.Ordinal));
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(data, StorageOptions.SqliteFileName)};Pooling=false"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "DROP TRIGGER dvc_change_feed_insert; DROP TRIGGER dvc_change_feed_update; DROP TABLE dvc_change_feed; " +
                "DELETE FROM sqlite_sequence WHERE name = 'dvc_change_feed'; DELETE FROM dvc_schema_migrations WHERE version = @v;";
            command.Parameters.AddWithValue("@v", migration.Version);
            await command.ExecuteNonQueryAsync();
        }

        await using var second = await TestHost.StartAsync(data, _clock);
        var feed = new ChangeFeedService.ChangeFeedServiceClient(second.Invoker);
        var dossiers = await GetAllAsync(second.Dossiers, codes);
        var backfilled = await ReadAllAsync(feed, pageSize: 7);
        AssertExact(backfilled, dossiers);

        // Older versions have no recorded commit time: they carry the time of their history entry.
        Assert.All(backfilled.Where(c => c.Version < dossiers[c.ReceiptCode].Version), c => Assert.Equal(c.Entry.At, c.CommittedAt));

        // Later changes follow the backfill.
        var created = await second.Dossiers.SubmitDossierAsync(Submit());
        var next = Assert.Single(await ReadAllAsync(feed, pageSize: 7, after: backfilled[^1].Position));
        Assert.Equal((created.ReceiptCode, 1L), (next.ReceiptCode, next.Version));
    }

    [Fact]
    public async Task The_store_reads_pages_directly_with_has_more()
    {
        await using var host = await TestHost.StartAsync(clock: _clock);
        var codes = await WriteConcurrentlyAsync(host.Dossiers, workers: 1, dossiersPerWorker: 3, seed: 31);
        var store = host.Services.GetRequiredService<IChangeFeed>();
        var all = await store.ReadAsync(0, 1000);
        Assert.False(all.HasMore);
        var page = await store.ReadAsync(0, all.Changes.Count - 1);
        Assert.True(page.HasMore);
        Assert.Equal(all.Changes.Take(all.Changes.Count - 1).Select(c => c.Position), page.Changes.Select(c => c.Position));
        Assert.All(all.Changes, c => Assert.NotNull(c.Entry));
        Assert.Equal(codes.Count, all.Changes.Count(c => c.Version == 1));
    }
}
