using DossierTracking.GrpcApi.Security;
using DossierTracking.GrpcApi.V1;
using System.Net;
using DossierTracking.IntegrationTests.Infrastructure;
using DossierTracking.Silo.Webhooks;
using Grpc.Core;
using static DossierTracking.IntegrationTests.Feed.FeedSupport;
using static DossierTracking.IntegrationTests.Webhooks.WebhookSupport;

namespace DossierTracking.IntegrationTests.Webhooks;

/// <summary>Subscriptions as an attacker with a valid token sees them: only administrators reach them, and bad definitions change nothing.</summary>
public sealed class SubscriptionAccessTests
{
    [Theory]
    [InlineData(Roles.Portal, "dvc-portal", "")]
    [InlineData(Roles.Sync, "national-portal", "")]
    [InlineData(Roles.Postal, "vnpost-qn", "")]
    [InlineData(Roles.Operator, "ops", "")]
    [InlineData(Roles.Supervisor, "sv-1", "")]
    [InlineData(Roles.AgencyLeader, "ld-1", Requests.Construction)]
    public async Task Callers_other_than_administrators_can_neither_see_nor_register_nor_redirect_a_subscription(string role, string subject, string agency)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await TestHost.StartAsync(settings: FastDelivery());
        var existing = await SubscribeAsync(host, receiver);
        var client = new SubscriptionService.SubscriptionServiceClient(host.Channel);
        var headers = TestTokens.Bearer(TestTokens.For(role, subject, agency));
        var id = new SubscriptionRequest { Id = existing.Subscription.Id };

        await Refused(() => client.ListSubscriptionsAsync(new ListSubscriptionsRequest(), headers).ResponseAsync);
        await Refused(() => client.GetSubscriptionAsync(id, headers).ResponseAsync);
        await Refused(() => client.CreateSubscriptionAsync(new CreateSubscriptionRequest { Name = "x", Endpoint = "https://attacker.example/hook" }, headers).ResponseAsync);
        await Refused(() => client.RedeliverChangesAsync(new RedeliverChangesRequest { Id = existing.Subscription.Id }, headers).ResponseAsync);
        await Refused(() => client.PauseSubscriptionAsync(id, headers).ResponseAsync);
        await Refused(() => client.DeleteSubscriptionAsync(id, headers).ResponseAsync);

        var unchanged = Assert.Single((await Subscriptions(host).ListSubscriptionsAsync(new ListSubscriptionsRequest())).Subscriptions);
        Assert.Equal(existing.Subscription.Id, unchanged.Id);
        Assert.False(unchanged.Paused);

        static async Task Refused(Func<Task> call) =>
            Assert.Equal(StatusCode.PermissionDenied, (await Assert.ThrowsAsync<RpcException>(call)).StatusCode);
    }

    [Fact]
    public async Task Bad_definitions_are_refused_naming_the_field_and_register_nothing()
    {
        await using var host = await TestHost.StartAsync(settings: FastDelivery());
        var client = Subscriptions(host);
        async Task Invalid(CreateSubscriptionRequest request, string field) =>
            AssertInvalid(await Assert.ThrowsAsync<RpcException>(() => client.CreateSubscriptionAsync(request).ResponseAsync), field);

        const string Good = "https://partner.example.vn/hooks/dvc";
        await Invalid(new CreateSubscriptionRequest { Name = "", Endpoint = Good }, "name");
        await Invalid(new CreateSubscriptionRequest { Name = "Bưu điện", Endpoint = "http://partner.example.vn/hooks" }, "endpoint");
        await Invalid(new CreateSubscriptionRequest { Name = "Bưu điện", Endpoint = "ftp://127.0.0.1/hooks" }, "endpoint");
        await Invalid(new CreateSubscriptionRequest { Name = "Bưu điện", Endpoint = "https://user:pass@partner.example.vn/hooks" }, "endpoint");
        await Invalid(new CreateSubscriptionRequest { Name = "Bưu điện", Endpoint = "/hooks" }, "endpoint");
        await Invalid(new CreateSubscriptionRequest { Name = "Bưu điện", Endpoint = Good, Filter = new SubscriptionFilter { Actions = { DossierAction.Unspecified } } }, "filter.actions");
        await Invalid(new CreateSubscriptionRequest { Name = "Bưu điện", Endpoint = Good, Filter = new SubscriptionFilter { States = { (DossierState)99 } } }, "filter.states");
        await Invalid(new CreateSubscriptionRequest { Name = "Bưu điện", Endpoint = Good, Filter = new SubscriptionFilter { DeskCodes = { "" } } }, "filter.desk_codes");
        await Invalid(new CreateSubscriptionRequest { Name = "Bưu điện", Endpoint = Good, StartFromPosition = true, StartAfterPosition = -1 }, "start_after_position");
        Assert.Empty((await client.ListSubscriptionsAsync(new ListSubscriptionsRequest())).Subscriptions);

        // A well-formed id that names nothing, a malformed one, and one already deleted.
        var unknown = await Assert.ThrowsAsync<RpcException>(() => client.GetSubscriptionAsync(new SubscriptionRequest { Id = "sub_0123456789abcdef" }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        AssertInvalid(await Assert.ThrowsAsync<RpcException>(() => client.GetSubscriptionAsync(new SubscriptionRequest { Id = "../etc" }).ResponseAsync), "id");
        var created = await client.CreateSubscriptionAsync(new CreateSubscriptionRequest { Name = "Bưu điện", Endpoint = Good });
        await client.DeleteSubscriptionAsync(new SubscriptionRequest { Id = created.Subscription.Id });
        var deleted = await Assert.ThrowsAsync<RpcException>(() => client.DeleteSubscriptionAsync(new SubscriptionRequest { Id = created.Subscription.Id }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, deleted.StatusCode);
        Assert.Equal(unknown.Status.Detail, deleted.Status.Detail);
        Assert.Empty((await client.ListSubscriptionsAsync(new ListSubscriptionsRequest())).Subscriptions);
    }

    [Fact]
    public async Task A_position_the_feed_has_not_reached_is_refused_rather_than_skipping_every_change_until_then()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await TestHost.StartAsync(settings: FastDelivery());
        await host.Dossiers.SubmitDossierAsync(Requests.Submit());
        var client = Subscriptions(host);
        var ahead = await Assert.ThrowsAsync<RpcException>(() => client.CreateSubscriptionAsync(new CreateSubscriptionRequest
        {
            Name = "Bưu điện", Endpoint = receiver.Url, StartFromPosition = true, StartAfterPosition = 999_999_999,
        }).ResponseAsync);
        Assert.Equal(StatusCode.OutOfRange, ahead.StatusCode);
        Assert.Equal("FEED_POSITION_AHEAD", ahead.GetRpcStatus()!.GetDetail<Google.Rpc.ErrorInfo>().Reason);
        Assert.Empty((await client.ListSubscriptionsAsync(new ListSubscriptionsRequest())).Subscriptions);

        var created = await SubscribeAsync(host, receiver);
        var rewound = await Assert.ThrowsAsync<RpcException>(() => client.RedeliverChangesAsync(new RedeliverChangesRequest
        {
            Id = created.Subscription.Id, AfterPosition = 999_999_999,
        }).ResponseAsync);
        Assert.Equal(StatusCode.OutOfRange, rewound.StatusCode);
        Assert.Equal(created.Subscription.DeliveredThrough, (await client.GetSubscriptionAsync(new SubscriptionRequest { Id = created.Subscription.Id })).DeliveredThrough);
    }

    [Fact]
    public async Task Deliveries_never_reach_the_silos_own_network_unless_the_deployment_allows_it()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var settings = FastDelivery(maxAttempts: 2);
        settings["Webhooks:AllowPrivateNetworks"] = "false";
        await using var host = await TestHost.StartAsync(settings: settings);
        var created = await SubscribeAsync(host, receiver);
        await host.Dossiers.SubmitDossierAsync(Requests.Submit());

        var deadline = DateTime.UtcNow.AddSeconds(60);
        Subscription status;
        while ((status = await Subscriptions(host).GetSubscriptionAsync(new SubscriptionRequest { Id = created.Subscription.Id })).DeadLetterCount == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the delivery to loopback was neither made nor given up");
            await Task.Delay(100);
        }

        // Refused where the connection is made: the receiver on 127.0.0.1 never heard of it.
        Assert.Empty(receiver.All);
        Assert.Contains("ConnectionError", Assert.Single(status.RecentDeadLetters).LastError);
    }

    [Theory]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.1.2.3", false)]
    [InlineData("172.20.0.5", false)]
    [InlineData("192.168.1.10", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("0.0.0.0", false)]
    [InlineData("::1", false)]
    [InlineData("fe80::1", false)]
    [InlineData("fd00::1", false)]
    [InlineData("::ffff:127.0.0.1", false)]
    [InlineData("203.113.131.5", true)]
    [InlineData("2001:db8::1", true)]
    public void Only_public_addresses_are_destinations(string address, bool isPublic) =>
        Assert.Equal(isPublic, WebhookDestinations.IsPublic(IPAddress.Parse(address)));
}
