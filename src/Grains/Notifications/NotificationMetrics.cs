using System.Diagnostics.Metrics;
using DossierTracking.Contracts;

namespace DossierTracking.Grains.Notifications;

/// <summary>Notification sends on the meter <see cref="DomainMeter.Name"/>: attempts by outcome, so a gateway that refuses or a rising FAILED count shows on the dashboards.</summary>
public sealed class NotificationMetrics
{
    private static readonly KeyValuePair<string, object?> Sent = new("outcome", "sent");
    private static readonly KeyValuePair<string, object?> Retried = new("outcome", "failed");
    private static readonly KeyValuePair<string, object?> Abandoned = new("outcome", "gave_up");

    private readonly Counter<long> _attempts;
    private readonly Counter<long> _recorded;

    public NotificationMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(DomainMeter.Name);
        _attempts = meter.CreateCounter<long>("dvc.notification.attempts", "{attempt}",
            "Attempts to hand a message to the applicant's channel, by outcome (sent, failed and to be retried, gave_up: the message is FAILED).");
        _recorded = meter.CreateCounter<long>("dvc.notification.recorded", "{message}", "Messages recorded in the outbox.");
    }

    public void Recorded(int count) => _recorded.Add(count);

    public void Accepted() => _attempts.Add(1, Sent);

    public void Refused() => _attempts.Add(1, Retried);

    public void GaveUp() => _attempts.Add(1, Abandoned);
}
