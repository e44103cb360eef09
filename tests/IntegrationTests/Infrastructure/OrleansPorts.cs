using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace DossierTracking.IntegrationTests.Infrastructure;

/// <summary>Probes of a silo's Orleans ports from outside, as someone on the cluster network would try them.</summary>
public static class OrleansPorts
{
    /// <summary>How long a probe waits for the silo to answer or hang up: generous, it only catches a silo that keeps the line open.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    /// <summary>Whether anything listens on the port (false when the connection is refused).</summary>
    public static async Task<bool> AcceptsConnectionAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return false;
        }
    }

    /// <summary>Opens a TLS connection presenting <paramref name="certificate"/> (or none); returns the silo's certificate, or throws if the handshake fails.</summary>
    public static async Task<(TcpClient Client, SslStream Stream)> ConnectTlsAsync(int port, X509Certificate2? certificate, CancellationToken cancellation)
    {
        var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port, cancellation);
        // Any silo certificate will do here: the probe is about what the silo accepts.
        var stream = new SslStream(client.GetStream(), leaveInnerStreamOpen: false, (_, _, _, _) => true);
        try
        {
            await stream.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = "dvc-cluster",
                ClientCertificates = certificate is null ? null : [certificate],
                EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            }, cancellation);
            return (client, stream);
        }
        catch
        {
            await stream.DisposeAsync();
            client.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Whether the silo cuts off a TLS client presenting <paramref name="certificate"/> (or none): the handshake fails,
    /// or the silo hangs up right after it (TLS 1.3 judges the client's certificate after the client has finished).
    /// False if the silo keeps the connection open for <paramref name="wait"/> (default <see cref="Limit"/>), as it does for a peer it accepts.
    /// </summary>
    public static async Task<bool> RefusesTlsClientAsync(int port, X509Certificate2? certificate, TimeSpan? wait = null)
    {
        using var limit = new CancellationTokenSource(wait ?? Limit);
        TcpClient client;
        SslStream stream;
        try
        {
            (client, stream) = await ConnectTlsAsync(port, certificate, limit.Token);
        }
        catch (Exception e) when (e is AuthenticationException or IOException)
        {
            return true;
        }

        using (client)
        await using (stream)
        {
            return await IsCutOffAsync(stream, limit.Token);
        }
    }

    /// <summary>
    /// What a plaintext client that only listens hears from the port before the silo hangs up (a silo without TLS
    /// speaks first: its Orleans preamble, naming the silo and the cluster). Closed is false if the line was still
    /// open after <see cref="Limit"/>.
    /// </summary>
    public static async Task<(byte[] Received, bool Closed)> ListenInPlaintextAsync(int port)
    {
        using var limit = new CancellationTokenSource(Limit);
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port, limit.Token);
        var stream = client.GetStream();
        var received = new MemoryStream();
        var buffer = new byte[256];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, limit.Token)) > 0)
            {
                received.Write(buffer, 0, read);
            }

            return (received.ToArray(), true);
        }
        catch (IOException)
        {
            return (received.ToArray(), true);
        }
        catch (OperationCanceledException)
        {
            return (received.ToArray(), false);
        }
    }

    private static async Task<bool> IsCutOffAsync(Stream stream, CancellationToken cancellation)
    {
        var buffer = new byte[256];
        try
        {
            while (await stream.ReadAsync(buffer, cancellation) > 0)
            {
            }

            return true;
        }
        catch (Exception e) when (e is IOException or AuthenticationException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
