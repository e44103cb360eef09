using DossierTracking.GrpcApi.Security;
using DossierTracking.GrpcApi.V1;
using DossierTracking.IntegrationTests.Infrastructure;
using DossierTracking.Silo.Feed;
using DossierTracking.Silo.Notifications;
using Microsoft.Extensions.DependencyInjection;
using static DossierTracking.IntegrationTests.Infrastructure.Requests;

namespace DossierTracking.IntegrationTests.Notifications;

/// <summary>
/// The outbox lives in the database: feed retention keeps every change the dispatcher has not read (so a dispatcher
/// that is behind loses nothing), and the outbox works on PostgreSQL as on SQLite.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class NotificationStorageTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Retention_keeps_the_changes_the_dispatcher_has_not_read_and_they_are_sent_when_it_catches_up()
    {
        await using var gateway = await NotificationGateway.StartAsync();
        var data = TestHost.NewDataDirectory();
        var later = DateTimeOffset.UtcNow.AddDays(91);
        var slow = gateway.Settings();
        slow["Notifications:PollInterval"] = "00:05:00";
        slow["ChangeFeed:Retention"] = "90.00:00:00";
        slow["ChangeFeed:RetentionInterval"] = "1.00:00:00";
        var codes = new List<string>();
        await using (var host = await TestHost.StartAsync(dataDirectory: data, settings: slow))
        {
            // The dispatcher's first round runs at start; the next one would be in 5 minutes.
            await Task.Delay(2000);
            for (var i = 0; i < 3; i++)
            {
                codes.Add((await host.Dossiers.SubmitDossierAsync(Submit())).ReceiptCode);
            }

            var newest = (await new ChangeFeedService.ChangeFeedServiceClient(host.Invoker).ReadChangesAsync(new ReadChangesRequest())).NextPosition;
            var cursor = await host.Services.GetRequiredService<NotificationStore>().CursorAsync();
            Assert.True(cursor < newest, $"the dispatcher read through {cursor} already (newest {newest})");
            var retention = host.Services.GetRequiredService<FeedRetention>();
            await retention.RemoveOnceAsync(later, CancellationToken.None);
            var kept = await new ChangeFeedService.ChangeFeedServiceClient(host.Invoker).ReadChangesAsync(new ReadChangesRequest { AfterPosition = cursor });
            Assert.Equal(codes, kept.Changes.Select(c => c.ReceiptCode).Where(codes.Contains));
        }

        var fast = gateway.Settings();
        fast["ChangeFeed:Retention"] = "90.00:00:00";
        fast["ChangeFeed:RetentionInterval"] = "1.00:00:00";
        await using (var host = await TestHost.StartAsync(dataDirectory: data, settings: fast))
        {
            foreach (var code in codes)
            {
                await gateway.WaitForAsync(code, 1);
            }

            // Once read, the changes may go.
            var deadline = DateTime.UtcNow.AddSeconds(30);
            var removed = 0L;
            var retention = host.Services.GetRequiredService<FeedRetention>();
            while ((removed += await retention.RemoveOnceAsync(later, CancellationToken.None)) < 3 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }

            Assert.Equal(3, removed);
        }

        Assert.Equal(3, gateway.All.Count);
    }

    [Fact]
    public async Task On_postgresql_each_message_is_sent_once_through_a_failure_and_officers_see_it()
    {
        await using var gateway = await NotificationGateway.StartAsync();
        var settings = new Dictionary<string, string?>(await postgres.NewDatabaseSettingsAsync());
        foreach (var (key, value) in gateway.Settings())
        {
            settings[key] = value;
        }

        var answered = 0;
        gateway.Answer = _ => Interlocked.Increment(ref answered) == 1 ? 500 : 200;
        await using var host = await TestHost.StartAsync(settings: settings);
        var api = host.Dossiers;
        var request = Submit();
        request.NotifyBy = NotifyBy.Email;
        var code = (await api.SubmitDossierAsync(request)).ReceiptCode;
        await api.AcceptDossierAsync(new AcceptDossierRequest { ReceiptCode = code, Actor = Desk() });
        await api.ForwardDossierAsync(new ForwardDossierRequest { ReceiptCode = code, Actor = Desk() });
        await api.RequestPaymentAsync(new RequestPaymentRequest { ReceiptCode = code, Actor = Officer(), Fees = { new FeeLine { Name = "Lệ phí", Amount = 150_000 } } });
        var messages = await gateway.WaitForAsync(code, 2);
        await Task.Delay(1000);

        // The receipt's retry may come after the fees' first attempt: messages are not held behind a failing one.
        Assert.Equal(["FeesDue", "Receipt"], gateway.Accepted.Where(m => m.ReceiptCode == code).Select(m => m.Kind).Order());
        Assert.All(messages, m => Assert.Equal(("email", "an.nguyen@example.vn"), (m.Channel, m.Recipient)));
        Assert.Contains("150.000 đồng", messages.Single(m => m.Kind == "FeesDue").Text, StringComparison.Ordinal);
        var list = await new NotificationService.NotificationServiceClient(host.Channel).ListDossierNotificationsAsync(
            new ListDossierNotificationsRequest { ReceiptCode = code }, TestTokens.Bearer(TestTokens.For(Roles.AgencyOfficer, "cv-07", Construction)));
        Assert.Equal([(NotificationKind.Receipt, 2), (NotificationKind.FeesDue, 1)], list.Notifications.Select(n => (n.Kind, n.Attempts)));
        Assert.All(list.Notifications, n => Assert.Equal((NotificationState.Sent, NotifyChannel.Email, "a***@example.vn"), (n.State, n.Channel, n.MaskedRecipient)));
    }
}
