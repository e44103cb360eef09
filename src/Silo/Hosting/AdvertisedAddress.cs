using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using DossierTracking.Silo.Configuration;
using Microsoft.Extensions.Options;

namespace DossierTracking.Silo.Hosting;

/// <summary>
/// <c>Silo:AdvertisedAddress=auto</c>: the address other silos reach this one at, found from the machine's own
/// network interfaces, for containers whose address is known only once they run. The rule: among interfaces that
/// are up and not loopback, an IPv4 address of one with a default gateway, else any IPv4 address, else an IPv6
/// address; the system's order decides between equals (a machine with several such networks should name its
/// address). Link-local addresses are never chosen. The default stays 127.0.0.1 (one machine, tests).
/// </summary>
public static class AdvertisedAddress
{
    public const string Auto = "auto";

    public static bool IsAuto(string value) => string.Equals(value, Auto, StringComparison.OrdinalIgnoreCase);

    /// <summary>The configured address, or for <see cref="Auto"/> the one found here. Throws <see cref="OptionsValidationException"/> when none is.</summary>
    public static string Resolve(string configured)
    {
        if (!IsAuto(configured))
        {
            return configured;
        }

        return Pick(Candidates())?.ToString()
            ?? throw new OptionsValidationException(SiloHostOptions.Section, typeof(SiloHostOptions),
                ["Silo:AdvertisedAddress=auto found no network address beyond loopback on this machine: set Silo:AdvertisedAddress to this machine's address on the cluster network."]);
    }

    /// <summary>The rule of <see cref="AdvertisedAddress"/>, on addresses given in the system's order.</summary>
    public static IPAddress? Pick(IEnumerable<(IPAddress Address, bool HasGateway)> candidates)
    {
        var usable = candidates.Where(c => !IPAddress.IsLoopback(c.Address) && !IsLinkLocal(c.Address)).ToList();
        var ipv4 = usable.Where(c => c.Address.AddressFamily == AddressFamily.InterNetwork).ToList();
        return ipv4.Where(c => c.HasGateway).Select(c => c.Address).FirstOrDefault()
            ?? ipv4.Select(c => c.Address).FirstOrDefault()
            ?? usable.Select(c => c.Address).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetworkV6);
    }

    private static bool IsLinkLocal(IPAddress address) =>
        address.IsIPv6LinkLocal || (address.AddressFamily == AddressFamily.InterNetwork && address.GetAddressBytes() is [169, 254, ..]);

    private static IEnumerable<(IPAddress Address, bool HasGateway)> Candidates()
    {
        foreach (var network in NetworkInterface.GetAllNetworkInterfaces())
        {
            if (network.OperationalStatus != OperationalStatus.Up || network.NetworkInterfaceType == NetworkInterfaceType.Loopback)
            {
                continue;
            }

            var properties = network.GetIPProperties();
            var hasGateway = properties.GatewayAddresses.Any(g => g.Address.AddressFamily == AddressFamily.InterNetwork && !g.Address.Equals(IPAddress.Any));
            foreach (var unicast in properties.UnicastAddresses)
            {
                yield return (unicast.Address, hasGateway);
            }
        }
    }
}
