namespace DossierTracking.Silo.Configuration;

/// <summary>Orleans identity and ports. Section <c>Silo</c>.</summary>
public sealed class SiloHostOptions
{
    public const string Section = "Silo";
    public const string DefaultServiceId = "dossier-tracking";
    public const string DefaultClusterId = "dev";
    public const int DefaultSiloPort = 11111;
    public const int DefaultGatewayPort = 30000;

    /// <summary>Part of every stored row's key: never change it for an existing database.</summary>
    public string ServiceId { get; set; } = DefaultServiceId;

    public string ClusterId { get; set; } = DefaultClusterId;

    /// <summary>Silo-to-silo port.</summary>
    public int SiloPort { get; set; } = DefaultSiloPort;

    /// <summary>Orleans client gateway port.</summary>
    public int GatewayPort { get; set; } = DefaultGatewayPort;

    /// <summary>Idle time after which an inactive dossier grain leaves memory (it reloads on the next call).</summary>
    public TimeSpan GrainCollectionAge { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The working periods of a day, e.g. <c>07:00-11:30,13:30-17:00</c>.</summary>
    public string WorkingHours { get; set; } = Grains.Calendar.WorkingHours.Default;
}
