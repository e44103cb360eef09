using System.Diagnostics.Metrics;
using DossierTracking.Contracts;
using DossierTracking.Grains.Telemetry;
using DossierTracking.Silo.Feed;

namespace DossierTracking.Silo.ProvincePage;

/// <summary>
/// How far this silo's agencies and change feed trail the dossiers, for the province page: the largest relay lag
/// (<see cref="DossierMetrics.RelayLagInstrument"/>) and change-feed lag (<see cref="ChangeFeedMetrics.LagInstrument"/>)
/// recorded in the last minute. It listens to the very measurements the exporters read, on this host's meter only (a
/// test process may hold several hosts), so the page shows the same lag as the metrics without a second way of
/// measuring it. Listening makes the relay and the sequencer record their lag even with telemetry off: a clock read
/// and a record per row of a background flush, nothing on a call's path.
/// </summary>
public sealed class PipelineLags : IHostedService, IDisposable
{
    private readonly RecentMaximum _relay = new();
    private readonly RecentMaximum _feed = new();
    private readonly MeterListener _listener;
    private readonly TimeProvider _clock;

    public PipelineLags(IMeterFactory meters, TimeProvider clock)
    {
        _clock = clock;
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name != DomainMeter.Name || !ReferenceEquals(instrument.Meter.Scope, meters))
                {
                    return;
                }

                if (instrument.Name == DossierMetrics.RelayLagInstrument)
                {
                    listener.EnableMeasurementEvents(instrument, _relay);
                }
                else if (instrument.Name == ChangeFeedMetrics.LagInstrument)
                {
                    listener.EnableMeasurementEvents(instrument, _feed);
                }
            },
        };
        _listener.SetMeasurementEventCallback<double>((_, value, _, state) => ((RecentMaximum)state!).Record(value, Second()));
    }

    /// <summary>The largest relay lag of the last minute, in seconds; null when no change was relayed.</summary>
    public double? RelaySeconds => _relay.Read(Second());

    /// <summary>The largest change-feed lag of the last minute, in seconds; null when the sequencer moved nothing (always with SQLite, where a change is in the feed at once).</summary>
    public double? ChangeFeedSeconds => _feed.Read(Second());

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _listener.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _listener.Dispose();

    private long Second() => _clock.GetTimestamp() / _clock.TimestampFrequency;
}
