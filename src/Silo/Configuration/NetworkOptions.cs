namespace DossierTracking.Silo.Configuration;

/// <summary>Network endpoints of the host. Section <c>Network</c>.</summary>
public sealed class NetworkOptions
{
    public const string Section = "Network";
    public const int DefaultGrpcPort = 5000;
    public const int DefaultHttpPort = 5001;
    public const string DefaultBindAddress = "127.0.0.1";

    /// <summary>The address both endpoints listen on. Plaintext is allowed only on a loopback address.</summary>
    public string BindAddress { get; set; } = DefaultBindAddress;

    /// <summary>The gRPC endpoint (HTTP/2). 0 picks a free port.</summary>
    public int GrpcPort { get; set; } = DefaultGrpcPort;

    /// <summary>The HTTP/1.1 endpoint for the dashboard (<c>/dashboard</c>) and <c>/healthz</c>. 0 picks a free port.</summary>
    public int HttpPort { get; set; } = DefaultHttpPort;

    /// <summary>A PFX certificate file; when set, both endpoints use TLS.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The password of <see cref="CertificatePath"/>, if any. Never logged.</summary>
    public string? CertificatePassword { get; set; }
}
