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

    /// <summary>How silos find each other: <c>Auto</c> (AdoNet on PostgreSQL, Localhost on SQLite), <c>Localhost</c> or <c>AdoNet</c>.</summary>
    public ClusteringMode Clustering { get; set; } = ClusteringMode.Auto;

    /// <summary>
    /// The address other silos and gateways reach this silo at (AdoNet clustering): this machine's address on the
    /// cluster network, or <c>auto</c> to find it from the network interfaces (containers; see <see cref="Hosting.AdvertisedAddress"/>).
    /// </summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>Silo-to-silo port.</summary>
    public int SiloPort { get; set; } = DefaultSiloPort;

    /// <summary>Orleans client gateway port, used only when <see cref="OpenGateway"/> is set.</summary>
    public int GatewayPort { get; set; } = DefaultGatewayPort;

    /// <summary>
    /// Whether the Orleans client gateway listens. Off by default: the gRPC API runs inside the silo and calls grains
    /// in-process, so nothing here needs the gateway, and a closed port cannot be attacked.
    /// </summary>
    public bool OpenGateway { get; set; }

    /// <summary>Idle time after which an inactive dossier grain leaves memory (it reloads on the next call).</summary>
    public TimeSpan GrainCollectionAge { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The working periods of a day, e.g. <c>07:00-11:30,13:30-17:00</c>.</summary>
    public string WorkingHours { get; set; } = Domain.Calendar.WorkingHours.Default;
}
