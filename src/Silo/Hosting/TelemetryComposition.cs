using DossierTracking.Contracts;
using DossierTracking.Grains.Telemetry;
using DossierTracking.Silo.Configuration;
using Microsoft.Extensions.Options;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace DossierTracking.Silo.Hosting;

/// <summary>
/// Metrics and traces in the OpenTelemetry format (section <c>Telemetry</c>). Metrics: the service's own meter, Orleans,
/// ASP.NET Core hosting and Kestrel (gRPC calls are HTTP requests there, by route), Npgsql and the .NET runtime, read by
/// the Prometheus endpoint <c>/metrics</c> (operators only) and pushed to an OTLP collector when one is set. Traces,
/// only with a collector: the HTTP/gRPC server span, each grain call (Orleans activity propagation), Orleans storage and
/// Npgsql commands, sampled by ratio unless the caller's trace context decides.
/// </summary>
public static class TelemetryComposition
{
    public const string MetricsPath = "/metrics";

    /// <summary>The meters exported. ASP.NET Core's routing, authentication and authorization meters are left out: they add a measurement to every call and tell little that the hosting meter does not.</summary>
    public static readonly string[] Meters =
    [
        DomainMeter.Name, OrleansMeter, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Diagnostics",
        "Npgsql", "System.Runtime",
    ];

    private const string OrleansMeter = "Microsoft.Orleans";

    private static readonly string[] KeptOrleansPrefixes =
    [
        "orleans-catalog-activations", "orleans-grains", "orleans-catalog-activation-working-set", "orleans-catalog-activation-failed",
        "orleans-storage-", "orleans-messaging-sent-dropped", "orleans-messaging-sent-failed", "orleans-messaging-rejected",
        "orleans-messaging-expired", "orleans-scheduler-long-running-turns", "orleans-watchdog-", "orleans-app-requests-timedout",
    ];

    /// <summary>Also what the dashboard's counters show (<see cref="DashboardCounterFeed"/>).</summary>
    internal static bool KeptOrleansInstrument(string name) => KeptOrleansPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.Ordinal));

    /// <summary>The activity sources traced: the server span, grain calls (application grains; Orleans' own system calls are left out) and storage, and the database.</summary>
    public static readonly string[] ActivitySources =
        ["Microsoft.AspNetCore", "Microsoft.Orleans.Application", "Microsoft.Orleans.Storage", "Npgsql"];

    public static WebApplicationBuilder AddDossierTelemetry(this WebApplicationBuilder builder, SiloHostOptions silo)
    {
        var telemetry = builder.Services.AddSettings(builder.Configuration, TelemetryOptions.Section, new TelemetryOptions(), new TelemetryOptionsValidator());
        builder.Services.Configure<AgencyGaugeOptions>(o => o.RefreshInterval = telemetry.MetricsEnabled ? telemetry.AgencyGaugeInterval : TimeSpan.Zero);
        if (!telemetry.MetricsEnabled && !telemetry.TracesEnabled)
        {
            return builder;
        }

        var otel = builder.Services.AddOpenTelemetry().ConfigureResource(resource => resource
            // One silo is one instance: its cluster address is unique within the service.
            .AddService(silo.ServiceId, serviceInstanceId: $"{silo.AdvertisedAddress}:{silo.SiloPort}")
            .AddAttributes([new("orleans.cluster_id", silo.ClusterId)]));
        if (telemetry.MetricsEnabled)
        {
            otel.WithMetrics(metrics =>
            {
                metrics.AddMeter(Meters);
                // Orleans records several instruments on every message and grain call (sizes, dispatcher counts, call
                // latency); read, they cost more than 3% of the silo's CPU per call (measured with the load tool). Only
                // the ones an operator watches are kept: activations and grains, storage latency and errors, dropped,
                // rejected and expired messages, long-running turns, and health checks.
                metrics.AddView(instrument => instrument.Meter.Name == OrleansMeter && !KeptOrleansInstrument(instrument.Name)
                    ? MetricStreamConfiguration.Drop
                    : null);
                if (telemetry.PrometheusEnabled)
                {
                    metrics.AddPrometheusExporter();
                }

                if (telemetry.HasOtlpEndpoint)
                {
                    metrics.AddOtlpExporter(o => Point(o, telemetry, "/v1/metrics"));
                }
            });
        }

        if (telemetry.TracesEnabled)
        {
            // The server span carries the OpenTelemetry HTTP attributes (method, route, status) without further instrumentation.
            AppContext.SetSwitch("Microsoft.AspNetCore.Hosting.SuppressActivityOpenTelemetryData", false);
            builder.UseOrleans(siloBuilder => siloBuilder.AddActivityPropagation());
            otel.WithTracing(tracing => tracing
                .AddSource(ActivitySources)
                .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(telemetry.TraceSampleRatio)))
                .AddOtlpExporter(o => Point(o, telemetry, "/v1/traces")));
        }

        return builder;
    }

    /// <summary>The Prometheus endpoint on the host's HTTP endpoints, for operators (the same policy as the dashboard).</summary>
    public static WebApplication MapDossierTelemetry(this WebApplication app)
    {
        var telemetry = app.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value;
        if (telemetry.MetricsEnabled && telemetry.PrometheusEnabled)
        {
            app.MapPrometheusScrapingEndpoint(MetricsPath).RequireAuthorization(CallerAuthentication.OperatorPolicy);
        }

        return app;
    }

    private static void Point(OtlpExporterOptions exporter, TelemetryOptions telemetry, string signalPath)
    {
        var endpoint = telemetry.OtlpEndpoint!.TrimEnd('/');
        exporter.Protocol = telemetry.OtlpProtocol;
        // Set in code, the HTTP exporter posts to the address as given: the signal's path is ours to add.
        exporter.Endpoint = new Uri(telemetry.OtlpProtocol == OtlpExportProtocol.HttpProtobuf ? endpoint + signalPath : endpoint);
    }
}
