using DossierTracking.GrpcApi.V1;
using DossierTracking.IntegrationTests.Infrastructure;
using DossierTracking.IntegrationTests.Webhooks;
using DossierTracking.Silo.Feed;
using Google.Rpc;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using static DossierTracking.IntegrationTests.Feed.FeedSupport;
using static DossierTracking.IntegrationTests.Infrastructure.Requests;

namespace DossierTracking.IntegrationTests.Feed;

/// <summary>The feed stays bounded: old changes go once every subscription has passed them, and a reader asking for what is gone is told where to resume.</summary>
public sealed class FeedRetentionTests
{
    [Fact]
    public async Task Old_changes_are_removed_only_once_every_subscription_has_passed_them_and_readers_below_are_told_where_to_resume()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var settings = WebhookSupport.FastDelivery();
        settings["ChangeFeed:Retention"] = "90.00:00:00";
        settings["ChangeFeed:RetentionInterval"] = "1.00:00:00";
        // The subscriptions' hold alone (the notification dispatcher's hold has its own test).
        settings["Notifications:Enabled"] = "false";
        var later = DateTimeOffset.UtcNow.AddDays(91);
        await using var host = await TestHost.StartAsync(settings: settings);
        var feed = new ChangeFeedService.ChangeFeedServiceClient(host.Invoker);
        var retention = host.Services.GetRequiredService<FeedRetention>();
        for (var i = 0; i < 5; i++)
        {
            await host.Dossiers.SubmitDossierAsync(Submit());
        }

        var positions = (await feed.ReadChangesAsync(new ReadChangesRequest())).Changes.Select(c => c.Position).ToList();
        Assert.Equal(5, positions.Count);

        // A partner that has taken the first two changes and is failing on the third holds the rest in the feed.
        receiver.Answer = _ => Task.FromResult(503);
        var subscription = (await WebhookSupport.Subscriptions(host).CreateSubscriptionAsync(new CreateSubscriptionRequest
        {
            Name = "Cổng DVC quốc gia", Endpoint = receiver.Url, StartFromPosition = true, StartAfterPosition = positions[1],
        })).Subscription;
        Assert.Equal(0, await retention.RemoveOnceAsync(CancellationToken.None));
        Assert.Equal(2, await retention.RemoveOnceAsync(later, CancellationToken.None));

        var gone = await Assert.ThrowsAsync<RpcException>(() => feed.ReadChangesAsync(new ReadChangesRequest { AfterPosition = 0 }).ResponseAsync);
        Assert.Equal(StatusCode.OutOfRange, gone.StatusCode);
        var info = gone.GetRpcStatus()!.GetDetail<ErrorInfo>();
        Assert.Equal("FEED_POSITION_REMOVED", info.Reason);
        Assert.Equal(positions[1].ToString(System.Globalization.CultureInfo.InvariantCulture), info.Metadata["oldest_position"]);
        var kept = await feed.ReadChangesAsync(new ReadChangesRequest { AfterPosition = positions[1] });
        Assert.Equal(positions.Skip(2), kept.Changes.Select(c => c.Position));
        var rewind = await Assert.ThrowsAsync<RpcException>(() => WebhookSupport.Subscriptions(host)
            .RedeliverChangesAsync(new RedeliverChangesRequest { Id = subscription.Id, AfterPosition = 0 }).ResponseAsync);
        Assert.Equal(StatusCode.OutOfRange, rewind.StatusCode);

        // Nothing more goes while the partner fails; once it has taken everything, the rest goes too.
        Assert.Equal(0, await retention.RemoveOnceAsync(later, CancellationToken.None));
        receiver.Answer = _ => Task.FromResult(200);
        var fresh = await host.Dossiers.SubmitDossierAsync(Submit());
        await receiver.UntilAsync(d => d.Any(x => x.Subject == fresh.ReceiptCode), "the three changes it had not taken and a fresh one");
        await WaitDeliveredThroughAsync(host, subscription.Id, positions[4] + 1);
        Assert.Equal(0, await retention.RemoveOnceAsync(CancellationToken.None));
        Assert.Equal(4, await retention.RemoveOnceAsync(later, CancellationToken.None));
        Assert.Empty((await feed.ReadChangesAsync(new ReadChangesRequest { AfterPosition = positions[4] + 1 })).Changes);
    }

    /// <summary>The subscription saves its cursor when its round ends, a moment after the receiver accepted the change.</summary>
    private static async Task WaitDeliveredThroughAsync(TestHost host, string id, long position)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await WebhookSupport.Subscriptions(host).GetSubscriptionAsync(new SubscriptionRequest { Id = id })).DeliveredThrough < position)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the subscription's cursor did not reach {position}");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task Each_silo_removes_old_changes_by_itself_in_small_batches()
    {
        await using var host = await TestHost.StartAsync(settings: new Dictionary<string, string?>
        {
            ["ChangeFeed:Retention"] = "00:00:01",
            ["ChangeFeed:RetentionInterval"] = "00:00:00.200",
            ["ChangeFeed:RetentionBatch"] = "2",
        });
        var feed = new ChangeFeedService.ChangeFeedServiceClient(host.Invoker);
        for (var i = 0; i < 5; i++)
        {
            await host.Dossiers.SubmitDossierAsync(Submit());
        }

        var newest = (await feed.ReadChangesAsync(new ReadChangesRequest())).NextPosition;
        var expected = newest.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        string? oldest = null;
        while (oldest != expected && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            try
            {
                await feed.ReadChangesAsync(new ReadChangesRequest { AfterPosition = 0 });
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.OutOfRange)
            {
                oldest = e.GetRpcStatus()!.GetDetail<ErrorInfo>().Metadata["oldest_position"];
            }
        }

        // All five went, in batches of two, with nobody asking; reading from the newest position goes on as before.
        Assert.Equal(expected, oldest);
        Assert.Empty((await feed.ReadChangesAsync(new ReadChangesRequest { AfterPosition = newest })).Changes);
    }
}
