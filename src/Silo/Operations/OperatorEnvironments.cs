using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using DossierTracking.GrpcApi.Security;
using DossierTracking.Silo.Configuration;
using DossierTracking.Tools;

namespace DossierTracking.Silo.Operations;

/// <summary>The operator commands' view of this silo's settings (appsettings.json, environment variables).</summary>
public static class OperatorEnvironments
{
    public static OperatorEnvironment From(IConfiguration configuration)
    {
        var auth = new AuthOptions();
        configuration.GetSection(AuthOptions.Section).Bind(auth);
        var storage = new StorageOptions();
        configuration.GetSection(StorageOptions.Section).Bind(storage);
        var network = new NetworkOptions();
        configuration.GetSection(NetworkOptions.Section).Bind(network);
        return new OperatorEnvironment
        {
            IsDevelopment = string.Equals(
                Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT"),
                "Development", StringComparison.OrdinalIgnoreCase),
            IssueToken = request => Issue(auth, storage, request),
            MaxTokenLifetime = auth.MaxTokenLifetime,
            DefaultTarget = TargetOf(network),
            DefaultHttpAddress = AddressOf(network, network.HttpPort),
            ServerCertificateThumbprint = () => ThumbprintOf(network),
        };
    }

    /// <summary>
    /// Signs with the development key of the data folder, or, when the request names one, with that configured key.
    /// Never a configured key unasked: configured keys may be production keys, trusted by every silo.
    /// </summary>
    private static string Issue(AuthOptions auth, StorageOptions storage, TokenRequest request)
    {
        var key = request.SigningKeyId is null ? DevelopmentKey.LoadOrCreate(storage.DataDirectory)
            : auth.SigningKeys.FirstOrDefault(k => k.Id == request.SigningKeyId)
                ?? throw new ArgumentException($"Auth:SigningKeys has no key with id '{request.SigningKeyId}' (configured: {string.Join(", ", auth.SigningKeys.Select(k => k.Id))}).");
        return TokenIssuer.Issue(key, auth.Issuer, auth.Audience, request.Role, request.Subject, DateTimeOffset.UtcNow, request.Lifetime, request.Agency, request.Name);
    }

    /// <summary>This machine's silo as configured (Network section).</summary>
    private static string TargetOf(NetworkOptions network) => AddressOf(network, network.GrpcPort);

    /// <summary>One of this machine's endpoints as configured: loopback when the silo listens on every address.</summary>
    private static string AddressOf(NetworkOptions network, int port)
    {
        var scheme = string.IsNullOrWhiteSpace(network.CertificatePath) ? "http" : "https";
        var host = network.BindAddress is "0.0.0.0" or "::" ? "127.0.0.1" : network.BindAddress;
        return $"{scheme}://{(host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host)}:{port}";
    }

    /// <summary>The SHA-256 thumbprint of the certificate the silo serves, null without one.</summary>
    private static string? ThumbprintOf(NetworkOptions network)
    {
        if (string.IsNullOrWhiteSpace(network.CertificatePath))
        {
            return null;
        }

        using var certificate = X509CertificateLoader.LoadPkcs12FromFile(network.CertificatePath, network.CertificatePassword);
        return certificate.GetCertHashString(HashAlgorithmName.SHA256);
    }
}
