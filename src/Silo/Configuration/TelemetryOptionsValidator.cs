using Microsoft.Extensions.Options;
using OpenTelemetry.Exporter;

namespace DossierTracking.Silo.Configuration;

/// <summary>Start-up check of <see cref="TelemetryOptions"/>.</summary>
public sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        var failures = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.OtlpEndpoint)
            && !(Uri.TryCreate(options.OtlpEndpoint, UriKind.Absolute, out var endpoint) && endpoint.Scheme is "http" or "https"
                && endpoint.UserInfo.Length == 0 && endpoint.Query.Length == 0))
        {
            // The value is not repeated: an address with credentials in it would end up in the log.
            failures.Add("Telemetry:OtlpEndpoint must be an absolute http:// or https:// address without user or query, "
                + "e.g. http://otel-collector:4317 (OtlpProtocol Grpc) or http://otel-collector:4318 (HttpProtobuf); leave it empty to send nothing.");
        }

        if (!Enum.IsDefined(options.OtlpProtocol))
        {
            failures.Add($"Telemetry:OtlpProtocol must be {OtlpExportProtocol.Grpc} or {OtlpExportProtocol.HttpProtobuf}.");
        }

        if (!(options.TraceSampleRatio is >= 0 and <= 1))
        {
            failures.Add($"Telemetry:TraceSampleRatio must be between 0 and 1 (the share of calls traced; default {TelemetryOptions.DefaultTraceSampleRatio}).");
        }

        if (options.AgencyGaugeInterval < TimeSpan.FromSeconds(5) || options.AgencyGaugeInterval > TimeSpan.FromHours(1))
        {
            failures.Add("Telemetry:AgencyGaugeInterval must be between 00:00:05 and 01:00:00; the default is 00:01:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
