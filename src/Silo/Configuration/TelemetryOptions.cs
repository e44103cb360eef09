using OpenTelemetry.Exporter;

namespace DossierTracking.Silo.Configuration;

/// <summary>Metrics and traces in the OpenTelemetry format. Section <c>Telemetry</c>.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";
    public const double DefaultTraceSampleRatio = 0.01;

    /// <summary>
    /// The switch for all of it: off, no meter is read, no trace is made, <c>/metrics</c> is not served and agencies
    /// do not count for the gauges (the instruments stay in the code and cost a check each). Off and on are the two
    /// runs to compare for telemetry's cost.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Serves <c>/metrics</c> (Prometheus text format) on the HTTP port, to callers with role <c>operator</c>.</summary>
    public bool PrometheusEnabled { get; set; } = true;

    /// <summary>
    /// An OpenTelemetry collector (OTLP). Set, metrics are pushed to it every minute and traces are made and sent
    /// to it; unset, no trace is made at all. For <see cref="OtlpExportProtocol.Grpc"/> the address itself (port 4317
    /// by convention); for <see cref="OtlpExportProtocol.HttpProtobuf"/> the base address (port 4318), to which
    /// <c>/v1/traces</c> and <c>/v1/metrics</c> are added.
    /// </summary>
    public string? OtlpEndpoint { get; set; }

    public OtlpExportProtocol OtlpProtocol { get; set; } = OtlpExportProtocol.Grpc;

    /// <summary>
    /// The share of calls traced when the caller sent no trace context (0 to 1). A call that arrives with a trace
    /// context follows its sampled flag, so a trace started by a portal that samples it is complete here.
    /// </summary>
    public double TraceSampleRatio { get; set; } = DefaultTraceSampleRatio;

    /// <summary>How often each active agency grain counts its open and overdue dossiers for the gauges.</summary>
    public TimeSpan AgencyGaugeInterval { get; set; } = TimeSpan.FromMinutes(1);

    public bool HasOtlpEndpoint => !string.IsNullOrWhiteSpace(OtlpEndpoint);

    /// <summary>Meters are read only when something exports them.</summary>
    public bool MetricsEnabled => Enabled && (PrometheusEnabled || HasOtlpEndpoint);

    /// <summary>Traces are made only when they go somewhere.</summary>
    public bool TracesEnabled => Enabled && HasOtlpEndpoint && TraceSampleRatio > 0;
}
