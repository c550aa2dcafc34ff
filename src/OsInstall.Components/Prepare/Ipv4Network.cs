using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace OsInstall.Components.Prepare;

/// <summary>An IPv4 CIDR split the way route.conf and /etc/network/interfaces want it: network address and dotted netmask.</summary>
internal sealed record Ipv4Network(string Network, string Netmask, int PrefixLength)
{
    public static Ipv4Network Parse(string cidr)
    {
        var parts = cidr.Split('/');
        // IPAddress also takes legacy short forms ("10.0.0" = 10.0.0.0): a CIDR in config spells all four parts.
        if (parts.Length != 2 || parts[0].Split('.').Length != 4
            || !IPAddress.TryParse(parts[0], out var address) || address.AddressFamily != AddressFamily.InterNetwork
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var prefix) || prefix > 32)
        {
            throw new FormatException($"'{cidr}' is not an IPv4 CIDR (a.b.c.d/n)");
        }
        var mask = prefix == 0 ? 0u : uint.MaxValue << (32 - prefix);
        var bytes = address.GetAddressBytes();
        var value = ((uint)bytes[0] << 24) | ((uint)bytes[1] << 16) | ((uint)bytes[2] << 8) | bytes[3];
        return new Ipv4Network(Dotted(value & mask), Dotted(mask), prefix);
    }

    private static string Dotted(uint v) =>
        string.Create(CultureInfo.InvariantCulture, $"{v >> 24}.{(v >> 16) & 0xff}.{(v >> 8) & 0xff}.{v & 0xff}");
}
