using DossierTracking.GrpcApi.Security;
using DossierTracking.Silo.Configuration;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;

namespace DossierTracking.Silo.Operations;

/// <summary>
/// Tokens for the operator commands: <c>--token</c>, else the environment variable <c>DVC_TOKEN</c>, else, on a
/// development machine, a short-lived token signed with the development key of the data folder (as <c>token</c>
/// issues them; a silo configured with its own keys wants <c>--token</c>).
/// </summary>
public static class CommandTokens
{
    public static bool IsDevelopment =>
        string.Equals(Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT"),
            "Development", StringComparison.OrdinalIgnoreCase);

    public static string? Resolve(string role, string subject, string[] args, IConfiguration configuration)
    {
        if (ValueOf(args, "--token") is { Length: > 0 } given)
        {
            return given;
        }

        if (Environment.GetEnvironmentVariable("DVC_TOKEN") is { Length: > 0 } fromEnvironment)
        {
            return fromEnvironment;
        }

        return IsDevelopment ? Issue(configuration, role, subject, "", "", TimeSpan.FromMinutes(30)) : null;
    }

    /// <summary>
    /// A token signed with the development key of the data folder, or, when <paramref name="signingKeyId"/> names one,
    /// with that configured key. Never a configured key unasked: configured keys may be production keys, and a token
    /// signed with one works on every silo that trusts it.
    /// </summary>
    /// <exception cref="ArgumentException">No configured key has the id given.</exception>
    public static string Issue(IConfiguration configuration, string role, string subject, string agency, string name, TimeSpan lifetime,
        string? signingKeyId = null)
    {
        var auth = new AuthOptions();
        configuration.GetSection(AuthOptions.Section).Bind(auth);
        var storage = new StorageOptions();
        configuration.GetSection(StorageOptions.Section).Bind(storage);
        var key = signingKeyId is null ? DevelopmentKey.LoadOrCreate(storage.DataDirectory)
            : auth.SigningKeys.FirstOrDefault(k => k.Id == signingKeyId)
                ?? throw new ArgumentException($"Auth:SigningKeys has no key with id '{signingKeyId}' (configured: {string.Join(", ", auth.SigningKeys.Select(k => k.Id))}).");
        return TokenIssuer.Issue(key, auth.Issuer, auth.Audience, role, subject, DateTimeOffset.UtcNow, lifetime, agency, name);
    }

    /// <summary>A call invoker that sends the token with every call.</summary>
    public static CallInvoker WithToken(GrpcChannel channel, string? token) =>
        token is null ? channel.CreateCallInvoker() : channel.Intercept(metadata =>
        {
            metadata.Add("Authorization", "Bearer " + token);
            return metadata;
        });

    public static string? ValueOf(string[] args, string option)
    {
        var index = Array.IndexOf(args, option);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
