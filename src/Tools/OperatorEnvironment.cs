namespace DossierTracking.Tools;

/// <summary>
/// What the operator commands need from the silo they ship with, filled in by the silo from its own settings: whether
/// this is a development machine, how to sign a development token, the longest token a silo accepts, and the address
/// of this machine's silo.
/// </summary>
public sealed record OperatorEnvironment
{
    /// <summary>Development (DOTNET_ENVIRONMENT=Development): the commands may sign their own short tokens.</summary>
    public required bool IsDevelopment { get; init; }

    /// <summary>Signs a token with the development key, or with the configured key a request names. Throws <see cref="ArgumentException"/> for a bad key id.</summary>
    public required Func<TokenRequest, string> IssueToken { get; init; }

    /// <summary>The longest validity a silo accepts (Auth:MaxTokenLifetime).</summary>
    public required TimeSpan MaxTokenLifetime { get; init; }

    /// <summary>This machine's silo, as its settings say (used when --target is not given).</summary>
    public required string DefaultTarget { get; init; }

    /// <summary>This machine's silo's HTTP endpoint (probes), as its settings say (used when health's --address is not given).</summary>
    public string DefaultHttpAddress { get; init; } = "http://127.0.0.1:5001";

    /// <summary>
    /// The SHA-256 thumbprint of the certificate this machine's silo serves (Network:CertificatePath), or null without
    /// one: the health command accepts that certificate and no other. Read when asked, so that the other commands never
    /// touch the certificate file. Throws <see cref="System.Security.Cryptography.CryptographicException"/> when it cannot be read.
    /// </summary>
    public Func<string?> ServerCertificateThumbprint { get; init; } = () => null;
}

/// <summary>A token to sign: who it is for, and with which configured key (null: the development key).</summary>
public sealed record TokenRequest(string Role, string Subject, string Agency, string Name, TimeSpan Lifetime, string? SigningKeyId = null);
