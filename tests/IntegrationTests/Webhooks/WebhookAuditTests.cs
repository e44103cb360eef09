using System.Collections.Concurrent;
using DossierTracking.GrpcApi.V1;
using DossierTracking.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Logging;
using static DossierTracking.IntegrationTests.Audit.AuditScenarios;
using static DossierTracking.IntegrationTests.Infrastructure.Requests;
using static DossierTracking.IntegrationTests.Webhooks.WebhookSupport;

namespace DossierTracking.IntegrationTests.Webhooks;

/// <summary>
/// Webhooks in the audit trail: a person asking who received their dossier's data finds the subscription that was
/// sent its changes, and an administrator's calls name the subscription they created or changed.
/// </summary>
public sealed class WebhookAuditTests
{
    [Fact]
    public async Task A_delivery_appears_in_the_dossiers_audit_under_its_subscription_and_admin_calls_name_the_subscription()
    {
        var lines = new ConcurrentQueue<string>();
        await using var receiver = await WebhookReceiver.StartAsync();
        var settings = FastDelivery();
        settings["Logging:LogLevel:DossierTracking.Audit"] = "Information";
        await using var host = await TestHost.StartAsync(settings: settings, logging: l => l.AddProvider(new LineCapture(lines)));
        var id = (await SubscribeAsync(host, receiver)).Subscription.Id;

        var code = (await host.Dossiers.SubmitDossierAsync(Submit())).ReceiptCode;
        var next = (await host.Dossiers.SubmitDossierAsync(Submit())).ReceiptCode;
        await receiver.UntilAsync(d => d.Any(x => x.Subject == next), "both submissions");
        await Subscriptions(host).PauseSubscriptionAsync(new SubscriptionRequest { Id = id });

        var entries = await ReadAuditAsync(host.Channel, code, pageSize: 100, until: all => all.Any(e => e.Method == "webhook:deliver"));
        var delivery = Assert.Single(entries, e => e.Method == "webhook:deliver");
        Assert.Equal(("webhook", id, id, "OK"), (delivery.Role, delivery.Subject, delivery.Target, delivery.Outcome));

        // The creation names the new id (known only from the answer), the pause names the one it paused.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        string[] Calls() => [.. lines.Where(l => l.Contains($"target={id} role=admin", StringComparison.Ordinal))];
        while (Calls().Length < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Contains(Calls(), l => l.Contains("/dvc.v1.SubscriptionService/CreateSubscription", StringComparison.Ordinal));
        Assert.Contains(Calls(), l => l.Contains("/dvc.v1.SubscriptionService/PauseSubscription", StringComparison.Ordinal));
    }
}
