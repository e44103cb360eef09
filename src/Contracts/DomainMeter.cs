namespace DossierTracking.Contracts;

/// <summary>
/// The name of the service's own meter. The grains, the API and the host each create their instruments on it through
/// the host's meter factory (one meter per host); the host's telemetry exports it.
/// </summary>
public static class DomainMeter
{
    public const string Name = "DossierTracking";
}
