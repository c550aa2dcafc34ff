using System.Globalization;

namespace OsInstall.Common.Config.Rules;

/// <summary>An IPv4 network in CIDR form (10.0.0.0/24), with no host bits set in the address.</summary>
public readonly record struct Ipv4Network(Ipv4Address Address, int PrefixLength)
{
    public uint Mask => PrefixLength == 0 ? 0u : uint.MaxValue << (32 - PrefixLength);

    public bool Contains(Ipv4Address ip) => (ip.Value & Mask) == Address.Value;

    /// <summary>The network, or null and what is wrong with the text.</summary>
    public static Ipv4Network? Parse(string text, out string? problem)
    {
        problem = null;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            problem = "is not a CIDR: expected address/prefix, e.g. 10.0.0.0/24";
            return null;
        }
        if (!Ipv4Address.TryParse(text[..slash], out var address))
        {
            problem = $"is not a CIDR: '{text[..slash]}' is not an IPv4 address";
            return null;
        }
        var prefixText = text[(slash + 1)..];
        if (prefixText.Length is 0 or > 2 || !prefixText.All(char.IsAsciiDigit)
            || int.Parse(prefixText, CultureInfo.InvariantCulture) is var prefix && prefix > 32)
        {
            problem = $"is not a CIDR: prefix length '{prefixText}' is not a number from 0 to 32";
            return null;
        }
        var network = new Ipv4Network(address, prefix);
        if ((address.Value & network.Mask) != address.Value)
        {
            var masked = new Ipv4Address(address.Value & network.Mask);
            problem = $"has host bits set: the network address of /{prefix} is {masked}, so write {masked}/{prefix}";
            return null;
        }
        return network;
    }

    public override string ToString() => $"{Address}/{PrefixLength}";
}
