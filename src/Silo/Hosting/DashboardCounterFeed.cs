using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using Orleans.Dashboard;

namespace DossierTracking.Silo.Hosting;

/// <summary>
/// Feeds the dashboard's silo counters from the Orleans instruments an operator watches (the same ones
/// <c>/metrics</c> exports), in place of the dashboard's own feed, which reads every instrument of the Orleans meter.
/// </summary>
/// <remarks>
/// Why: reading an instrument switches its measurements on. The dashboard's own feed thus makes Orleans measure every
/// message and grain call (sizes, dispatcher counts, call latency), and every second it reads the gauge
/// <c>orleans-messaging-processing-activation-data</c>, which walks every activation of the silo and takes each one's
/// lock. With 439,803 active dossiers that made a lookup cost a third more silo CPU; with this feed the dashboard's
/// work is 0.1% of a profile of the silo under load (README, "Performance"). Histograms are summed without
/// buckets, as the dashboard shows only their sum.
/// </remarks>
public sealed class DashboardCounterFeed(IServiceProvider services, OrleansInstruments instruments, IOptions<DashboardOptions> options)
    : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private MeterProvider? _provider;

    public void Participate(ISiloLifecycle lifecycle) =>
        // Where the dashboard starts its own feed: its exporter reports to a grain service, which needs the silo running.
        lifecycle.Subscribe(nameof(DashboardCounterFeed), ServiceLifecycleStage.Active - 1, Start, Stop);

    private Task Start(CancellationToken cancellationToken)
    {
        var exporter = (BaseExporter<Metric>)services.GetRequiredService(DashboardComposition.CounterExporterType);
        var interval = Math.Max(options.Value.CounterUpdateIntervalMs, 1000);
        _provider = Sdk.CreateMeterProviderBuilder()
            .AddMeter(instruments.Meter.Name)
            .AddView(Select)
            .AddReader(new PeriodicExportingMetricReader(exporter, interval, exportTimeoutMilliseconds: 1000))
            .Build();
        return Task.CompletedTask;
    }

    private Task Stop(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    /// <summary>
    /// This silo's meter only (several silos in one process, as in tests, each have one of the same name), and of it the
    /// instruments <see cref="TelemetryComposition"/> keeps.
    /// </summary>
    private MetricStreamConfiguration? Select(Instrument instrument)
    {
        if (instrument.Meter != instruments.Meter || !TelemetryComposition.KeptOrleansInstrument(instrument.Name))
        {
            return MetricStreamConfiguration.Drop;
        }

        var type = instrument.GetType();
        return type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Histogram<>)
            ? new ExplicitBucketHistogramConfiguration { Boundaries = [], RecordMinMax = false, TagKeys = [] }
            : null;
    }

    public void Dispose()
    {
        _provider?.Dispose();
        _provider = null;
    }
}
