namespace DossierTracking.Silo.Configuration;

/// <summary>Network endpoints of the host. Section <c>Network</c>.</summary>
public sealed class NetworkOptions
{
    public const string Section = "Network";
    public const int DefaultGrpcPort = 5000;
    public const int DefaultHttpPort = 5001;
    public const string DefaultBindAddress = "127.0.0.1";

    /// <summary>The address both endpoints listen on. Plaintext is allowed only on a loopback address, or behind a declared proxy that ends TLS.</summary>
    public string BindAddress { get; set; } = DefaultBindAddress;

    /// <summary>The gRPC endpoint (HTTP/2). 0 picks a free port.</summary>
    public int GrpcPort { get; set; } = DefaultGrpcPort;

    /// <summary>The HTTP/1.1 endpoint for the dashboard (<c>/dashboard</c>) and the probes (<c>/health/live</c>, <c>/health/ready</c>). 0 picks a free port.</summary>
    public int HttpPort { get; set; } = DefaultHttpPort;

    /// <summary>A PFX certificate file; when set, both endpoints use TLS.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The password of <see cref="CertificatePath"/>, if any. Never logged.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>
    /// Addresses of the reverse proxies or load balancers in front of the silo. Only calls coming from one of them
    /// (or from <see cref="KnownNetworks"/>) have their <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> headers
    /// believed; from anyone else the headers are ignored, so nobody picks the address the lookup limit counts.
    /// </summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of trusted proxies in CIDR form (<c>10.0.0.0/24</c>), for proxies whose addresses change.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>
    /// TLS ends at the declared proxy, which talks to the silo in plaintext: allows a plaintext endpoint beyond
    /// loopback, and only with <see cref="KnownProxies"/> or <see cref="KnownNetworks"/> set.
    /// </summary>
    public bool TlsTerminatedByProxy { get; set; }

    /// <summary>Whether any proxy is declared, so forwarded headers are read at all.</summary>
    public bool HasProxies => KnownProxies.Count > 0 || KnownNetworks.Count > 0;
}
