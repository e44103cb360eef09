using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using DossierTracking.Contracts;
using Microsoft.Extensions.Options;

namespace DossierTracking.Grains.Telemetry;

/// <summary>
/// Open and overdue dossiers per agency (and receiving desk), as two observable gauges on <see cref="DomainMeter.Name"/>.
/// A scrape never calls a grain: each agency grain active on this silo leaves its last counts here, when it computes its
/// figures for a caller and otherwise every <see cref="AgencyGaugeOptions.RefreshInterval"/>, and takes them away when it
/// deactivates. So a silo reports the agencies it holds, and the sum over silos is the cluster's; the counts are at most
/// one interval old (a dossier passing its due date between two counts shows as overdue at the next).
/// </summary>
public sealed class AgencyGauges
{
    private readonly ConcurrentDictionary<string, Counts> _counts = new(StringComparer.Ordinal);

    public AgencyGauges(IMeterFactory meters, IOptions<AgencyGaugeOptions> options)
    {
        RefreshInterval = options.Value.RefreshInterval;
        if (!Enabled)
        {
            return;
        }

        var meter = meters.Create(DomainMeter.Name);
        meter.CreateObservableGauge("dvc.agency.dossiers.open", () => Observe(c => c.Open), "{dossier}",
            "Dossiers received and not finished (deadline running or paused) that an agency decides or whose desk received them.");
        meter.CreateObservableGauge("dvc.agency.dossiers.overdue", () => Observe(c => c.Overdue), "{dossier}",
            "Of those, the dossiers past their due date.");
    }

    /// <summary>Zero when the gauges are off: then grains neither count nor publish.</summary>
    public TimeSpan RefreshInterval { get; }

    public bool Enabled => RefreshInterval > TimeSpan.Zero;

    public void Publish(string agencyCode, int open, int overdue)
    {
        if (Enabled)
        {
            _counts[agencyCode] = new Counts([new KeyValuePair<string, object?>("agency", agencyCode)], open, overdue);
        }
    }

    public void Withdraw(string agencyCode) => _counts.TryRemove(agencyCode, out _);

    private IEnumerable<Measurement<int>> Observe(Func<Counts, int> value) =>
        _counts.Values.Select(c => new Measurement<int>(value(c), c.Tags));

    private sealed record Counts(KeyValuePair<string, object?>[] Tags, int Open, int Overdue);
}
