using System.Net;
using System.Net.Sockets;

namespace OsInstall.Common.Ovn;

/// <summary>Reads dynamic_addresses as northd writes it: "MAC IPv4 [IPv6]" (empty until northd ran).</summary>
public static class PortAddressParser
{
    public static PortAddress? Parse(string? dynamicAddresses)
    {
        if (string.IsNullOrWhiteSpace(dynamicAddresses))
        {
            return null;
        }
        var words = dynamicAddresses.Trim().Trim('"').Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 2 || !words[0].Contains(':', StringComparison.Ordinal))
        {
            return null;
        }
        var ip = words.Skip(1).FirstOrDefault(w => IPAddress.TryParse(w, out var a) && a.AddressFamily == AddressFamily.InterNetwork);
        return ip is null ? null : new PortAddress(words[0], ip);
    }
}
