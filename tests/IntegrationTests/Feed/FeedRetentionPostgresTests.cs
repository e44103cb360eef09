using DossierTracking.GrpcApi.V1;
using DossierTracking.IntegrationTests.Infrastructure;
using DossierTracking.Silo.Feed;
using Google.Rpc;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using static DossierTracking.IntegrationTests.Infrastructure.Requests;

namespace DossierTracking.IntegrationTests.Feed;

/// <summary>Retention on PostgreSQL, where positions are given by the sequencer and commit times are timestamptz.</summary>
[Collection(PostgresCollection.Name)]
public sealed class FeedRetentionPostgresTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Changes_older_than_the_retention_are_removed_and_a_reader_below_is_told_where_to_resume()
    {
        var settings = new Dictionary<string, string?>(await postgres.NewDatabaseSettingsAsync())
        {
            ["ChangeFeed:Retention"] = "90.00:00:00",
            ["ChangeFeed:RetentionInterval"] = "1.00:00:00",
            ["ChangeFeed:RetentionBatch"] = "2",
            // Retention by age alone (the notification dispatcher's hold has its own test).
            ["Notifications:Enabled"] = "false",
        };
        await using var host = await TestHost.StartAsync(settings: settings);
        var feed = new ChangeFeedService.ChangeFeedServiceClient(host.Invoker);
        for (var i = 0; i < 3; i++)
        {
            await host.Dossiers.SubmitDossierAsync(Submit());
        }

        var deadline = DateTime.UtcNow.AddSeconds(30);
        ReadChangesReply page;
        while ((page = await feed.ReadChangesAsync(new ReadChangesRequest())).Changes.Count < 3 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Equal(3, page.Changes.Count);
        var retention = host.Services.GetRequiredService<FeedRetention>();
        // Not old enough today; 91 days on, all three go (in batches of two).
        Assert.Equal(0, await retention.RemoveOnceAsync(CancellationToken.None));
        Assert.Equal(3, await retention.RemoveOnceAsync(DateTimeOffset.UtcNow.AddDays(91), CancellationToken.None));

        var gone = await Assert.ThrowsAsync<RpcException>(() => feed.ReadChangesAsync(new ReadChangesRequest { AfterPosition = 0 }).ResponseAsync);
        Assert.Equal(StatusCode.OutOfRange, gone.StatusCode);
        Assert.Equal(page.NextPosition.ToString(System.Globalization.CultureInfo.InvariantCulture), gone.GetRpcStatus()!.GetDetail<ErrorInfo>().Metadata["oldest_position"]);
        var fresh = await host.Dossiers.SubmitDossierAsync(Submit());
        deadline = DateTime.UtcNow.AddSeconds(30);
        while ((page = await feed.ReadChangesAsync(new ReadChangesRequest { AfterPosition = page.NextPosition })).Changes.Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Equal(fresh.ReceiptCode, Assert.Single(page.Changes).ReceiptCode);
    }
}
