using System.Net;
using System.Net.Sockets;

namespace DossierTracking.LoadTests.Cli;

/// <summary>
/// The load test may only ever send traffic to this machine: a typo in --target must not turn it on someone else's
/// server. A name is accepted only if every address it resolves to is loopback.
/// </summary>
public static class LoopbackTarget
{
    public static bool TryParse(string text, out Uri target, out string error)
    {
        target = null!;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            error = $"--target '{text}' is not an http:// or https:// address.";
            return false;
        }

        if (uri.AbsolutePath != "/" || uri.Query.Length > 0)
        {
            error = $"--target '{text}' must be scheme, host and port only (gRPC paths are the service's own).";
            return false;
        }

        if (!IsLoopback(uri.IdnHost, out var resolved))
        {
            error = $"--target '{text}' is not a loopback address ({resolved}); the load test only drives a silo on this machine.";
            return false;
        }

        target = uri;
        error = "";
        return true;
    }

    private static bool IsLoopback(string host, out string resolved)
    {
        if (IPAddress.TryParse(host.Trim('[', ']'), out var literal))
        {
            resolved = literal.ToString();
            return IPAddress.IsLoopback(literal);
        }

        try
        {
            var addresses = Dns.GetHostAddresses(host);
            resolved = addresses.Length == 0 ? "no address" : string.Join(", ", addresses.Select(a => a.ToString()));
            return addresses.Length > 0 && addresses.All(IPAddress.IsLoopback);
        }
        catch (SocketException e)
        {
            resolved = e.Message;
            return false;
        }
    }
}
