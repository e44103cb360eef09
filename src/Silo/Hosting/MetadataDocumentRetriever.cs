using DossierTracking.Silo.Configuration;
using Microsoft.IdentityModel.Protocols;

namespace DossierTracking.Silo.Hosting;

/// <summary>
/// Reads the identity provider's discovery document and key set over HTTP, refusing any address that breaks
/// <see cref="MetadataAddressRule"/>: the configured address is checked at start-up, and this also covers the
/// <c>jwks_uri</c> a discovery document points to.
/// </summary>
public sealed class MetadataDocumentRetriever(HttpClient http) : IDocumentRetriever
{
    private readonly HttpDocumentRetriever _inner = new(http) { RequireHttps = false };

    public Task<string> GetDocumentAsync(string address, CancellationToken cancel) =>
        MetadataAddressRule.IsAllowed(address)
            ? _inner.GetDocumentAsync(address, cancel)
            : throw new InvalidOperationException(
                $"The identity provider's metadata at '{address}' is not served over HTTPS (plain HTTP is accepted from loopback addresses only).");
}
