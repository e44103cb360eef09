namespace DossierTracking.GrpcApi.Security;

/// <summary>Who may call one RPC: anyone (anonymous callers included), or the listed roles.</summary>
public sealed record Access(bool Anonymous, IReadOnlySet<string> Roles)
{
    public static Access Open { get; } = new(true, new HashSet<string>(Security.Roles.All));

    public static Access Only(params string[] roles) => new(false, new HashSet<string>(roles));

    public bool Allows(string role) => Roles.Contains(role);
}
