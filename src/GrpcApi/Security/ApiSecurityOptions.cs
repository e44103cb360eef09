namespace DossierTracking.GrpcApi.Security;

/// <summary>How the API treats callers (section <c>Limits</c>, plus what the host decided from its environment).</summary>
public sealed class ApiSecurityOptions
{
    public const string Section = "Limits";

    /// <summary>Reflection answers anyone (Development); otherwise administrators only.</summary>
    public bool OpenReflection { get; set; }

    /// <summary>Lookups per second per network address for callers without a token (0: no limit).</summary>
    public int AnonymousLookupsPerSecond { get; set; } = 10;

    /// <summary>Lookups per second per authenticated caller (0: no limit).</summary>
    public int CallerLookupsPerSecond { get; set; } = 500;
}
