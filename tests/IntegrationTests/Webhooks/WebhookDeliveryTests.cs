using DossierTracking.GrpcApi.V1;
using DossierTracking.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using static DossierTracking.IntegrationTests.Infrastructure.Requests;
using static DossierTracking.IntegrationTests.Webhooks.WebhookSupport;

namespace DossierTracking.IntegrationTests.Webhooks;

/// <summary>
/// Webhooks as a partner sees them: the changes it asked for, signed CloudEvents, in order, at least once through a
/// receiver's outage, a change that never goes through set aside without stopping the rest, and a slow partner
/// holding up nobody else.
/// </summary>
public sealed class WebhookDeliveryTests
{
    private readonly FakeTimeProvider _clock = new(Local(2020, 10, 19, 8, 0));

    [Fact]
    public async Task A_partner_receives_the_changes_its_filter_names_signed_as_cloudevents_in_commit_order()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await TestHost.StartAsync(clock: _clock, settings: FastDelivery());
        var filter = new SubscriptionFilter { Actions = { DossierAction.Submit, DossierAction.Accept, DossierAction.RefuseIntake } };
        var created = await SubscribeAsync(host, receiver, filter);
        Assert.StartsWith("whsec_", created.Secret);
        Assert.False(created.Subscription.Paused);

        var api = host.Dossiers;
        var first = (await api.SubmitDossierAsync(Submit())).ReceiptCode;
        await api.AcceptDossierAsync(new AcceptDossierRequest { ReceiptCode = first, Actor = Desk() });
        // Not asked for: a forward.
        await api.ForwardDossierAsync(new ForwardDossierRequest { ReceiptCode = first, Actor = Desk(), Note = "Chuyển Sở Xây dựng" });
        var second = (await api.SubmitDossierAsync(Submit())).ReceiptCode;
        var refused = await api.RefuseIntakeAsync(new RefuseIntakeRequest { ReceiptCode = second, Actor = Desk(), Reason = "Hồ sơ không hợp lệ" });

        var delivered = await receiver.UntilAsync(d => d.Count >= 4, "four changes");
        // Delivery is in feed order: the forward, committed before the second submission, was passed over, not delayed.
        Assert.Equal([$"{first}/1", $"{first}/2", $"{second}/1", $"{second}/{refused.Version}"], delivered.Select(d => d.Id));
        Assert.All(delivered, d => Assert.True(SignedWith(d, created.Secret), $"delivery {d.Id} does not verify with the subscription's secret"));
        Assert.All(delivered, d => Assert.StartsWith("application/cloudevents+json", d.ContentType));

        var accept = delivered[1].Event;
        Assert.Equal("1.0", accept.GetProperty("specversion").GetString());
        Assert.Equal(delivered[1].Id, accept.GetProperty("id").GetString());
        Assert.Equal("vn.gov.dvc.dossier.accept", accept.GetProperty("type").GetString());
        Assert.Equal("urn:dvc:quang-ninh", accept.GetProperty("source").GetString());
        Assert.Equal(first, accept.GetProperty("subject").GetString());
        var data = accept.GetProperty("data");
        Assert.Equal(first, data.GetProperty("receiptCode").GetString());
        Assert.Equal("DOSSIER_ACTION_ACCEPT", data.GetProperty("entry").GetProperty("action").GetString());
        Assert.Equal("DOSSIER_STATE_RECEIVED", data.GetProperty("entry").GetProperty("toState").GetString());
        Assert.Equal(PermitAdjustment, data.GetProperty("procedureCode").GetString());
        Assert.Equal("vn.gov.dvc.dossier.refuse_intake", delivered[3].Event.GetProperty("type").GetString());

        // The administrators' view: how far delivery has gone, and nothing failing. The secret is never shown again.
        var status = await Subscriptions(host).GetSubscriptionAsync(new SubscriptionRequest { Id = created.Subscription.Id });
        // Proto JSON: 64-bit numbers are strings.
        Assert.True(status.DeliveredThrough >= long.Parse(data.GetProperty("position").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0, status.FailingAttempts);
        Assert.Equal(0, status.DeadLetterCount);
        Assert.NotNull(status.LastDeliveredAt);
        Assert.DoesNotContain(created.Secret, status.ToString());
    }

    [Fact]
    public async Task A_receiver_that_fails_for_a_while_then_recovers_gets_every_change_in_order()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await TestHost.StartAsync(clock: _clock, settings: FastDelivery());
        await SubscribeAsync(host, receiver);

        // The partner's system is down: it answers 500 until the test has made all its changes and seen five refusals.
        var down = true;
        receiver.Answer = _ => Task.FromResult(Volatile.Read(ref down) ? 500 : 200);
        var api = host.Dossiers;
        var codes = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            var code = (await api.SubmitDossierAsync(Submit())).ReceiptCode;
            codes.Add(code);
            await api.AcceptDossierAsync(new AcceptDossierRequest { ReceiptCode = code, Actor = Desk() });
            await api.ForwardDossierAsync(new ForwardDossierRequest { ReceiptCode = code, Actor = Desk() });
        }

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (receiver.All.Count(r => r.Status == 500) < 5 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.True(receiver.All.Count(r => r.Status == 500) >= 5, "the subscription did not retry against the failing receiver");
        Assert.Empty(receiver.Accepted);
        Volatile.Write(ref down, false);

        var delivered = await receiver.UntilAsync(d => d.Count >= 12, "the twelve changes after the outage");
        // Everything, once each, in the order the changes were made; each failure was retried with the same event.
        Assert.Equal(codes.SelectMany(c => new[] { $"{c}/1", $"{c}/2", $"{c}/3" }), delivered.Select(d => d.Id));
        Assert.All(receiver.All.Where(r => r.Status == 500), r => Assert.Equal($"{codes[0]}/1", r.Id));
    }

    [Fact]
    public async Task A_change_that_keeps_failing_is_dead_lettered_the_rest_flow_and_redelivery_sends_it_again()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await TestHost.StartAsync(clock: _clock, settings: FastDelivery(maxAttempts: 3));
        var created = await SubscribeAsync(host, receiver);
        // The partner's system chokes on the first dossier it hears of (until it is fixed), and takes the others.
        var healed = false;
        string? choking = null;
        receiver.Answer = d => Task.FromResult(Interlocked.CompareExchange(ref choking, d.Subject, null) is var first && (first ?? d.Subject) == d.Subject
            && !Volatile.Read(ref healed) ? 422 : 200);
        var api = host.Dossiers;
        var poisoned = (await api.SubmitDossierAsync(Submit())).ReceiptCode;
        var healthy = (await api.SubmitDossierAsync(Submit())).ReceiptCode;

        await receiver.UntilAsync(d => d.Any(x => x.Subject == healthy), "the next dossier's change");
        var status = await Subscriptions(host).GetSubscriptionAsync(new SubscriptionRequest { Id = created.Subscription.Id });
        Assert.Equal(1, status.DeadLetterCount);
        var letter = Assert.Single(status.RecentDeadLetters);
        Assert.Equal(poisoned, letter.ReceiptCode);
        Assert.Equal(1, letter.Version);
        Assert.Equal(3, letter.Attempts);
        Assert.StartsWith("HTTP 422", letter.LastError);
        Assert.Equal(3, receiver.All.Count(r => r.Subject == poisoned));

        // Fixed on the partner's side; the administrator sends again from just before the dead letter.
        Volatile.Write(ref healed, true);
        await Subscriptions(host).RedeliverChangesAsync(new RedeliverChangesRequest { Id = created.Subscription.Id, AfterPosition = letter.Position - 1 });
        var delivered = await receiver.UntilAsync(d => d.Count >= 3, "the dead-lettered change and the one after it again");
        // Sent again, the healthy change keeps its event id: the partner can tell a repeat.
        Assert.Equal([$"{healthy}/1", $"{poisoned}/1", $"{healthy}/1"], delivered.Select(d => d.Id).Take(3));
    }

    [Fact]
    public async Task A_partner_that_does_not_answer_holds_up_neither_another_partner_nor_any_write()
    {
        await using var slow = await WebhookReceiver.StartAsync();
        await using var quick = await WebhookReceiver.StartAsync();
        var settings = FastDelivery();
        settings["Webhooks:RequestTimeout"] = "00:00:20";
        await using var host = await TestHost.StartAsync(clock: _clock, settings: settings);
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        slow.Answer = _ => release.Task;
        await SubscribeAsync(host, slow, name: "Hệ thống treo");
        await SubscribeAsync(host, quick, name: "Bưu điện");

        var api = host.Dossiers;
        var codes = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            codes.Add((await api.SubmitDossierAsync(Submit())).ReceiptCode);
        }

        // The quick partner has every change while the slow one still holds its first request.
        await quick.UntilAsync(d => d.Count >= 3, "three submissions");
        Assert.True(slow.InFlight >= 1, "the slow partner was not sent anything");
        Assert.Empty(slow.All);

        release.SetResult(200);
        var late = await slow.UntilAsync(d => d.Select(x => x.Id).Distinct().Count() >= 3, "three submissions once it answers");
        // A request that timed out while held is sent again with the same id: the first arrivals are in order.
        Assert.Equal(codes.Select(c => $"{c}/1"), late.Select(d => d.Id).Distinct());
    }

    [Fact]
    public async Task The_cursor_is_durable_a_paused_subscription_waits_and_a_restarted_service_goes_on_from_where_it_was()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var data = TestHost.NewDataDirectory();
        string id;
        string before;
        await using (var host = await TestHost.StartAsync(data, _clock, FastDelivery()))
        {
            id = (await SubscribeAsync(host, receiver)).Subscription.Id;
            before = (await host.Dossiers.SubmitDossierAsync(Submit())).ReceiptCode;
            await receiver.UntilAsync(d => d.Count >= 1, "the first submission");

            var paused = await Subscriptions(host).PauseSubscriptionAsync(new SubscriptionRequest { Id = id });
            Assert.True(paused.Paused);
            await host.Dossiers.SubmitDossierAsync(Submit());
        }

        await using (var host = await TestHost.StartAsync(data, _clock, FastDelivery()))
        {
            // Still paused after the restart: the change made while paused waits.
            await Task.Delay(TimeSpan.FromSeconds(2));
            Assert.Single(receiver.Accepted);
            var resumed = await Subscriptions(host).ResumeSubscriptionAsync(new SubscriptionRequest { Id = id });
            Assert.False(resumed.Paused);
            var after = (await host.Dossiers.SubmitDossierAsync(Submit())).ReceiptCode;

            var delivered = await receiver.UntilAsync(d => d.Any(x => x.Subject == after), "the change after the restart");
            Assert.Equal(3, delivered.Count);
            Assert.Equal($"{before}/1", delivered[0].Id);
            Assert.Equal(3, delivered.Select(d => d.Id).Distinct().Count());
        }
    }
}
