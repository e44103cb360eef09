using System.Diagnostics.Metrics;
using DossierTracking.Contracts;

namespace DossierTracking.Grains.Webhooks;

/// <summary>Webhook deliveries on the meter <see cref="DomainMeter.Name"/>: attempts by outcome, and how long after its commit a change reached its endpoint.</summary>
public sealed class WebhookMetrics
{
    private static readonly KeyValuePair<string, object?> Delivered = new("outcome", "delivered");
    private static readonly KeyValuePair<string, object?> Failed = new("outcome", "failed");
    private static readonly KeyValuePair<string, object?> DeadLettered = new("outcome", "dead_lettered");

    private readonly Counter<long> _attempts;
    private readonly Histogram<double> _lag;

    public WebhookMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(DomainMeter.Name);
        _attempts = meter.CreateCounter<long>("dvc.webhook.deliveries", "{attempt}",
            "Attempts to deliver a change to a subscription's endpoint, by outcome (delivered, failed, dead_lettered).");
        _lag = meter.CreateHistogram<double>("dvc.webhook.lag", "s",
            "Time from a change's commit until its endpoint accepted it.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 3600] });
    }

    public void Accepted(TimeSpan sinceCommit)
    {
        _attempts.Add(1, Delivered);
        _lag.Record(Math.Max(0, sinceCommit.TotalSeconds));
    }

    public void Refused() => _attempts.Add(1, Failed);

    public void GaveUp() => _attempts.Add(1, DeadLettered);
}
