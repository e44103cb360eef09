namespace DossierTracking.IntegrationTests.Operations;

/// <summary>
/// The metrics tests run apart from every other test: an exporter reads every meter of its name in the process, so
/// another test's host, alive at the same time, would report its own agencies under the same gauge names.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "Telemetry";
}
