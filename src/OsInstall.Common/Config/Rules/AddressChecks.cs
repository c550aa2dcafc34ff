namespace OsInstall.Common.Config.Rules;

/// <summary>Parses addresses and networks out of the config, reporting each malformed one once.</summary>
public static class AddressChecks
{
    public static Ipv4Address? Address(ValidationContext ctx, string path, string? value)
    {
        if (!ctx.Usable(path, value))
        {
            return null;
        }
        if (Ipv4Address.TryParse(value, out var ip))
        {
            return ip;
        }
        ctx.Report(path, $"'{value}' is not a valid IPv4 address: expected four numbers 0-255 without leading zeros, e.g. 10.0.0.1");
        return null;
    }

    public static Ipv4Network? Network(ValidationContext ctx, string path, string? value)
    {
        if (!ctx.Usable(path, value))
        {
            return null;
        }
        var network = Ipv4Network.Parse(value!, out var problem);
        if (network is null)
        {
            ctx.Report(path, $"'{value}' {problem}");
        }
        return network;
    }

    /// <summary>Reports <paramref name="ip"/> when it lies outside <paramref name="network"/> or is its network or broadcast address.</summary>
    /// <returns>False when it was reported.</returns>
    public static bool RequireInside(ValidationContext ctx, string path, Ipv4Address? ip, string networkPath, Ipv4Network? network)
    {
        if (ip is not { } a || network is not { } n)
        {
            return true;
        }
        if (!n.Contains(a))
        {
            ctx.Report(path, $"address {a} is outside its network: {networkPath} is {n}");
            return false;
        }
        if (n.PrefixLength <= 30 && (a.Value == n.Address.Value || a.Value == (n.Address.Value | ~n.Mask)))
        {
            var which = a.Value == n.Address.Value ? "network" : "broadcast";
            ctx.Report(path, $"address {a} is the {which} address of {networkPath} {n}; use a host address");
            return false;
        }
        return true;
    }
}
