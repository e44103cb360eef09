using System.Net;
using System.Net.Sockets;

namespace DossierTracking.IntegrationTests.Infrastructure;

/// <summary>
/// Free loopback TCP ports for the servers a test starts (never a fixed port: test classes run in parallel).
/// Taken below the kernel's ephemeral range (<c>/proc/sys/net/ipv4/ip_local_port_range</c>, 32768-60999 by default):
/// a port of that range that was free when checked can become, a moment later, the local port of some outgoing
/// connection (a database pool, a gRPC client, another program on the machine) before the silo process binds it, and
/// the silo then stops with "address already in use", as it once did in a crash test. Ports below the range are never
/// handed out that way. Picked at random, so that test processes running at once on one machine rarely meet.
/// </summary>
public static class FreePorts
{
    private const int Lowest = 20_000;
    private static readonly HashSet<int> Handed = [];

    public static int Next()
    {
        lock (Handed)
        {
            var highest = EphemeralRangeStart() - 1;
            for (var attempt = 0; highest - Lowest >= 1_000 && attempt < 10_000; attempt++)
            {
                var port = Random.Shared.Next(Lowest, highest + 1);
                if (!Handed.Contains(port) && IsFree(port))
                {
                    Handed.Add(port);
                    return port;
                }
            }

            // A machine whose ephemeral range leaves too little below it: let the kernel choose, as before.
            while (true)
            {
                using var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                var port = ((IPEndPoint)listener.LocalEndpoint).Port;
                listener.Stop();
                if (Handed.Add(port))
                {
                    return port;
                }
            }
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            listener.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int EphemeralRangeStart()
    {
        try
        {
            var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
            return int.Parse(range[0], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return 32_768;
        }
    }
}
