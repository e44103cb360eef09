using System.Net;
using System.Net.Sockets;

namespace DossierTracking.IntegrationTests.Infrastructure;

/// <summary>Free loopback TCP ports for the servers a test starts (never a fixed port: test classes run in parallel).</summary>
public static class FreePorts
{
    private static readonly HashSet<int> Handed = [];

    public static int Next()
    {
        lock (Handed)
        {
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
}
