using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace DossierTracking.LoadTests.Crash;

/// <summary>
/// Free loopback ports for the processes the crash benchmark starts, taken below the kernel's ephemeral range
/// (<c>/proc/sys/net/ipv4/ip_local_port_range</c>): a port of that range can be taken as the local port of an outgoing
/// connection (the silos' database pools, the load's channels) between the check and the silo binding it.
/// </summary>
public static class LocalPorts
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

            throw new InvalidOperationException($"No free loopback port between {Lowest} and {highest}.");
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
            return int.Parse(range[0], CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return 32_768;
        }
    }
}
