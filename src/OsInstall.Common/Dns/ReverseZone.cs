using System.Net;
using System.Net.Sockets;

namespace OsInstall.Common.Dns;

/// <summary>
/// in-addr.arpa names for IPv4 networks. Only octet-aligned prefixes (/8, /16, /24) map to a
/// zone of their own; anything else would need RFC 2317 delegation, which we do not write.
/// </summary>
public static class ReverseZone
{
    private const string Suffix = "in-addr.arpa";

    /// <summary>The reverse zone of a network, e.g. 10.1.1.0/24 -> 1.1.10.in-addr.arpa (no trailing dot).</summary>
    public static string NameFor(string cidr)
    {
        var network = ParseNetwork(cidr);
        var octets = network.BaseAddress.GetAddressBytes();
        var kept = network.PrefixLength / 8;
        return string.Join('.', octets.Take(kept).Reverse().Select(o => o.ToString(System.Globalization.CultureInfo.InvariantCulture))) + "." + Suffix;
    }

    /// <summary>The owner of an address's PTR relative to its network's reverse zone, e.g. 10.1.1.4 in /24 -> "4", in /16 -> "4.1".</summary>
    public static string RelativeOwner(IPAddress address, string cidr)
    {
        var network = ParseNetwork(cidr);
        if (!network.Contains(address))
        {
            throw new ArgumentException($"{address} is not in {cidr}", nameof(address));
        }
        var octets = address.GetAddressBytes();
        var kept = network.PrefixLength / 8;
        return string.Join('.', octets.Skip(kept).Reverse().Select(o => o.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>The absolute PTR owner of an address, e.g. 10.1.1.4 -> 4.1.1.10.in-addr.arpa.</summary>
    public static string PointerName(IPAddress address) =>
        string.Join('.', RequireV4(address).GetAddressBytes().Reverse().Select(o => o.ToString(System.Globalization.CultureInfo.InvariantCulture))) + "." + Suffix + ".";

    /// <summary>Parses an IPv4 CIDR with a /8, /16 or /24 prefix whose host bits are zero.</summary>
    public static IPNetwork ParseNetwork(string cidr)
    {
        if (!IPNetwork.TryParse(cidr, out var network) || network.BaseAddress.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new ArgumentException($"'{cidr}' is not an IPv4 network in CIDR notation", nameof(cidr));
        }
        if (network.PrefixLength is not (8 or 16 or 24))
        {
            throw new ArgumentException($"'{cidr}': reverse zones need a /8, /16 or /24 prefix, not /{network.PrefixLength}", nameof(cidr));
        }
        return network;
    }

    public static IPAddress ParseAddress(string address)
    {
        if (!IPAddress.TryParse(address, out var ip) || ip.AddressFamily != AddressFamily.InterNetwork)
        {
            throw new ArgumentException($"'{address}' is not an IPv4 address", nameof(address));
        }
        return ip;
    }

    private static IPAddress RequireV4(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetwork ? address : throw new ArgumentException($"{address} is not IPv4", nameof(address));
}
