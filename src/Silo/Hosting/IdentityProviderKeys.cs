using DossierTracking.Silo.Configuration;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace DossierTracking.Silo.Hosting;

/// <summary>
/// The identity provider's signing keys (and issuer), read from its discovery document or key set, for the token
/// handler (<see cref="TokenValidationParameters.ConfigurationManager"/>). A token naming a key not read yet (the
/// provider rotated its keys) makes the handler ask for a refresh; the keys are then read again before that token is
/// checked once more, so the first token of a new key is accepted. The library's
/// <see cref="ConfigurationManager{T}"/> reads them in the background instead, which refuses that first token (and
/// those that follow until the read completes). Reads happen at most once per <c>Auth:MinimumKeyRefreshInterval</c>
/// on request, and on their own every <c>Auth:KeyRefreshInterval</c> (in the background, keeping the keys in use).
/// A key the provider no longer publishes stops verifying at the next read: no last-known-good fallback.
/// </summary>
public sealed partial class IdentityProviderKeys : BaseConfigurationManager, IConfigurationManager<OpenIdConnectConfiguration>
{
    private readonly IConfigurationRetriever<OpenIdConnectConfiguration> _retriever;
    private readonly IDocumentRetriever _documents;
    private readonly string _issuer;
    private readonly TimeSpan _automaticInterval;
    private readonly TimeSpan _minimumInterval;
    private readonly TimeProvider _clock;
    private readonly ILogger<IdentityProviderKeys> _logger;
    private readonly Lock _gate = new();
    private OpenIdConnectConfiguration? _current;
    private DateTimeOffset _readAt;
    private DateTimeOffset _lastAttempt = DateTimeOffset.MinValue;
    private bool _refreshRequested;
    private Task? _reading;
    private bool _readingAwaited;

    public IdentityProviderKeys(AuthOptions auth, IDocumentRetriever documents, TimeProvider clock, ILogger<IdentityProviderKeys> logger)
    {
        MetadataAddress = auth.MetadataAddress ?? throw new ArgumentException("No identity provider is configured (Auth:Authority).", nameof(auth));
        _issuer = auth.Authority!;
        _retriever = string.IsNullOrWhiteSpace(auth.JwksUri) ? new OpenIdConnectConfigurationRetriever() : new JwksConfigurationRetriever(_issuer);
        _documents = documents;
        _automaticInterval = auth.KeyRefreshInterval;
        _minimumInterval = auth.MinimumKeyRefreshInterval;
        _clock = clock;
        _logger = logger;
        UseLastKnownGoodConfiguration = false;
    }

    /// <summary>The keys in use, or null before the first successful read. Replaced (never changed) by each read.</summary>
    public OpenIdConnectConfiguration? Current => Volatile.Read(ref _current);

    public override async Task<BaseConfiguration> GetBaseConfigurationAsync(CancellationToken cancel) => await GetConfigurationAsync(cancel);

    public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancel)
    {
        Task? wait;
        lock (_gate)
        {
            var now = _clock.GetUtcNow();
            if (_reading is null)
            {
                var mayRead = now - _lastAttempt >= _minimumInterval;
                var urgent = _refreshRequested || (_current is null && mayRead);
                if (urgent || (_current is not null && now - _readAt >= _automaticInterval && mayRead))
                {
                    _refreshRequested = false;
                    _lastAttempt = now;
                    _readingAwaited = urgent;
                    _reading = Task.Run(ReadAsync, CancellationToken.None);
                }
            }

            wait = _readingAwaited ? _reading : null;
        }

        if (wait is not null)
        {
            await wait.WaitAsync(cancel);
        }

        return Current ?? throw new InvalidOperationException($"The identity provider's keys could not be read from '{MetadataAddress}' (see the warnings logged).");
    }

    /// <summary>Called by the token handler when a token names a key not known: read the keys again, unless read very recently.</summary>
    public override void RequestRefresh()
    {
        lock (_gate)
        {
            if (_reading is not null)
            {
                // A read is under way: whoever checks a token now waits for it.
                _readingAwaited = true;
            }
            else if (_clock.GetUtcNow() - _lastAttempt >= _minimumInterval)
            {
                _refreshRequested = true;
            }
        }
    }

    private async Task ReadAsync()
    {
        try
        {
            var configuration = await _retriever.GetConfigurationAsync(MetadataAddress, _documents, CancellationToken.None);
            var accepted = Accept(configuration);
            lock (_gate)
            {
                Volatile.Write(ref _current, accepted);
                _readAt = _clock.GetUtcNow();
            }

            LogKeysRead(accepted.SigningKeys.Count, MetadataAddress);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogReadFailed(MetadataAddress, e.Message, Current is null ? "no token of the identity provider is accepted until they are" : "the keys read before stay in use");
        }
        finally
        {
            lock (_gate)
            {
                _reading = null;
                _readingAwaited = false;
            }
        }
    }

    /// <summary>Checks the issuer and keeps the keys that can verify a token here (RSA and EC keys meant for signatures).</summary>
    private OpenIdConnectConfiguration Accept(OpenIdConnectConfiguration configuration)
    {
        if (!string.Equals(configuration.Issuer?.TrimEnd('/'), _issuer.TrimEnd('/'), StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"the discovery document names issuer '{configuration.Issuer}', not Auth:Authority '{_issuer}'");
        }

        var unusable = configuration.SigningKeys
            .Where(key => key is SymmetricSecurityKey || TokenKeyRules.AlgorithmOf(key) is null
                || (key is JsonWebKey { Use: { Length: > 0 } use } && use != JsonWebKeyUseNames.Sig))
            .ToList();
        foreach (var key in unusable)
        {
            configuration.SigningKeys.Remove(key);
        }

        return configuration.SigningKeys.Count > 0 ? configuration
            : throw new InvalidOperationException("the key set holds no RSA or EC signing key");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Read {Count} signing keys of the identity provider from {Address}")]
    private partial void LogKeysRead(int count, string address);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot read the identity provider's signing keys from {Address}: {Reason}; {Consequence}")]
    private partial void LogReadFailed(string address, string reason, string consequence);
}
