using System.Net;

namespace DossierTracking.Silo.Configuration;

/// <summary>
/// Where the identity provider's metadata and keys may be read from: HTTPS, or plain HTTP on a loopback address only
/// (a test's local key server). Keys read over plain HTTP across a network could be swapped by anyone on the path,
/// who could then sign any token.
/// </summary>
public static class MetadataAddressRule
{
    public static bool IsAllowed(string address) =>
        Uri.TryCreate(address, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && IsLoopback(uri)));

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.DnsSafeHost, out var address) && IPAddress.IsLoopback(address));
}
