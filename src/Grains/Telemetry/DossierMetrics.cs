using System.Diagnostics.Metrics;
using DossierTracking.Contracts;
using DossierTracking.Contracts.Dossiers;
using DossierTracking.Contracts.Payments;
using DossierTracking.Contracts.Postal;
using DossierTracking.Domain.Dossiers;

namespace DossierTracking.Grains.Telemetry;

/// <summary>
/// The grains' instruments on the meter <see cref="DomainMeter.Name"/>: what dossiers do (submissions, changes,
/// partners' reports, e-receipts) and how far the agencies trail them. Each measurement is one add with tags built
/// once, no lock and no allocation, so it may sit on the write path; with no exporter listening it costs a check.
/// </summary>
public sealed class DossierMetrics
{
    /// <summary>The relay's lag: read by exporters and by the province page.</summary>
    public const string RelayLagInstrument = "dvc.agency.relay.lag";

    private static readonly EnumTags<Channel> ChannelTags = new("channel");
    private static readonly EnumTags<DossierAction> ActionTags = new("action");
    private static readonly EnumTags<PaymentOutcome> PaymentOutcomeTags = new("outcome");
    private static readonly EnumTags<PostalOutcome> PostalOutcomeTags = new("outcome");
    private static readonly EnumTags<ShipmentStatus> ShipmentStatusTags = new("status");

    private readonly Counter<long> _submissions;
    private readonly Counter<long> _changes;
    private readonly Counter<long> _paymentReports;
    private readonly Counter<long> _eReceipts;
    private readonly Counter<long> _postalEvents;
    private readonly Histogram<double> _relayLag;

    public DossierMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(DomainMeter.Name);
        _submissions = meter.CreateCounter<long>("dvc.dossier.submissions", "{dossier}",
            "New dossiers, by channel (online, counter, postal).");
        _changes = meter.CreateCounter<long>("dvc.dossier.changes", "{change}",
            "Committed changes of dossiers, their creation included, by action and channel.");
        _paymentReports = meter.CreateCounter<long>("dvc.payment.reports", "{report}",
            "Transaction reports of payment intermediaries that were answered, by outcome (applied, recorded, duplicate, stale).");
        _eReceipts = meter.CreateCounter<long>("dvc.payment.ereceipts", "{receipt}", "E-receipts issued.");
        _postalEvents = meter.CreateCounter<long>("dvc.postal.events", "{event}",
            "Delivery events reported by the post that were answered, by shipment status and outcome.");
        _relayLag = meter.CreateHistogram<double>(RelayLagInstrument, "s",
            "Time from a dossier's committed change until the agencies concerned applied it (this silo's change relay).",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.25, 0.5, 1, 1.5, 2, 3, 5, 10, 30, 60, 300] });
    }

    /// <summary>A dossier's change was written; <paramref name="previous"/> is null for its creation.</summary>
    public void Committed(DossierRecord? previous, DossierRecord next)
    {
        if (next.ImportedVersion == next.Version)
        {
            // An import brings old news: it is neither a submission nor a change made now.
            return;
        }

        var channel = ChannelTags[next.Channel];
        if (previous is null)
        {
            _submissions.Add(1, channel);
        }

        if (_changes.Enabled)
        {
            var action = next.History.Count > 0 ? next.History[^1].Action : DossierAction.Unspecified;
            _changes.Add(1, ActionTags[action], channel);
        }
    }

    public void PaymentReported(PaymentOutcome outcome) => _paymentReports.Add(1, PaymentOutcomeTags[outcome]);

    public void EReceiptIssued() => _eReceipts.Add(1);

    public void PostalReported(ShipmentStatus status, PostalOutcome outcome) =>
        _postalEvents.Add(1, ShipmentStatusTags[status], PostalOutcomeTags[outcome]);

    /// <summary>Whether anyone listens to the relay's lag (the relay then reads the clock per row).</summary>
    public bool RelayLagEnabled => _relayLag.Enabled;

    public void RelayApplied(TimeSpan lag) => _relayLag.Record(lag.TotalSeconds);
}
