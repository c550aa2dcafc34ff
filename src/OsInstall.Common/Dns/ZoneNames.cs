using System.Net;

namespace OsInstall.Common.Dns;

/// <summary>Name arithmetic relative to a zone origin (origins are absolute, with the trailing dot).</summary>
public static class ZoneNames
{
    /// <summary>"@" or a relative name becomes absolute under the origin; every result is lower case with a trailing dot.</summary>
    public static string Absolute(string name, string origin)
    {
        var o = Origin(origin);
        if (name == "@")
        {
            return o;
        }
        return name.EndsWith('.') ? name.ToLowerInvariant() : $"{name.ToLowerInvariant()}.{o}";
    }

    /// <summary>The shortest way to write an absolute name inside the zone: "@", a relative name, or the absolute name.</summary>
    public static string Relative(string absolute, string origin)
    {
        var o = Origin(origin);
        if (absolute == o)
        {
            return "@";
        }
        return absolute.EndsWith("." + o, StringComparison.Ordinal) ? absolute[..^(o.Length + 1)] : absolute;
    }

    /// <summary>A zone name normalised to lower case with the trailing dot.</summary>
    public static string Origin(string zone) => zone.EndsWith('.') ? zone.ToLowerInvariant() : zone.ToLowerInvariant() + ".";

    /// <summary>Record data in a comparable form: addresses canonical, domain names absolute.</summary>
    public static string NormalizeData(string type, string data, string origin) => type switch
    {
        "A" or "AAAA" when IPAddress.TryParse(data, out var ip) => ip.ToString(),
        "PTR" or "NS" or "CNAME" => Absolute(data, origin),
        _ => data,
    };
}
