using System.Text.RegularExpressions;
using OsInstall.Common.Containers;

namespace OsInstall.Common.Config.Rules;

/// <summary>Network boot: node MACs, the DHCP pool, the installer's disk, consoles and ports.</summary>
public static partial class IpxeRules
{
    public static void Check(ValidationContext ctx)
    {
        var c = ctx.Config;
        var x = c.Ipxe;

        var macs = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        void Mac(string path, HostEntry host)
        {
            var mac = host.Mac;
            if (mac is null || ctx.Locations.HasFailed(path))
            {
                return;
            }
            if (!TextFormats.IsMac(mac))
            {
                ctx.Report(path, $"'{mac}' is not a valid MAC address: expected six hex octets separated by ':', e.g. 52:54:00:12:34:56");
            }
            else if (FormatRules.IsMulticast(mac))
            {
                ctx.Report(path, $"MAC address {mac} has the multicast bit set (odd first octet); a network card has a unicast MAC");
            }
            else if (macs.TryGetValue(mac, out var other))
            {
                ctx.Report(path, $"duplicate MAC address {mac}: also {other} (line {ctx.Locations.Find(other).Line}); each node needs its own static lease");
            }
            else
            {
                macs[mac] = path;
            }
        }
        for (var i = 0; i < c.Controllers.Count; i++)
        {
            Mac($"controllers[{i}].mac", c.Controllers[i]);
        }
        for (var i = 0; i < c.ComputeNodes.Count; i++)
        {
            Mac($"compute_nodes[{i}].mac", c.ComputeNodes[i]);
        }

        foreach (var (path, url) in new[] { ("ipxe.mirror", x.Mirror), ("ipxe.boot_url", x.BootUrl) })
        {
            // iPXE expands ${...} in every argument of boot.ipxe.
            if (ctx.Usable(path, url) && url.Contains('$', StringComparison.Ordinal))
            {
                ctx.Report(path, $"'{url}' contains '$': iPXE would expand it as a setting in boot.ipxe; percent-encode it (%24)");
            }
        }
        if (ctx.Usable("ipxe.interface", x.Interface) && !TextFormats.IsInterfaceName(x.Interface))
        {
            ctx.Report("ipxe.interface", $"'{x.Interface}' is not a valid network interface name: 1-15 letters, digits, '.', '_' or '-'");
        }
        PortRules.CheckPort(ctx, "ipxe.http_port", x.HttpPort);
        if (ctx.Usable("ipxe.install_disk", x.InstallDisk) && (!DiskPattern().IsMatch(x.InstallDisk) || PartitionPattern().IsMatch(x.InstallDisk)))
        {
            ctx.Report("ipxe.install_disk", $"'{x.InstallDisk}' is not a whole-disk device: expected /dev/ and a disk name such as sda, vda or nvme0n1, not a partition");
        }
        for (var i = 0; i < x.Consoles.Count; i++)
        {
            var path = $"ipxe.consoles[{i}]";
            if (ctx.Usable(path, x.Consoles[i]) && !ConsolePattern().IsMatch(x.Consoles[i]))
            {
                ctx.Report(path, $"'{x.Consoles[i]}' is not a kernel console: expected a device and optional settings, e.g. tty0 or ttyS0,115200n8");
            }
        }
        if (ctx.Usable("lxc.arch", c.Lxc.Arch))
        {
            try
            {
                AlpineArch.FromLxc(c.Lxc.Arch);
            }
            catch (ArgumentException)
            {
                ctx.Report("lxc.arch", $"'{c.Lxc.Arch}' has no Alpine architecture (network boot and containers need one): expected e.g. amd64 or arm64");
            }
        }
        DhcpRange(ctx);
    }

    private static void DhcpRange(ValidationContext ctx)
    {
        var x = ctx.Config.Ipxe;
        const string startPath = "ipxe.dhcp_range_start";
        const string endPath = "ipxe.dhcp_range_end";
        var hasStart = !string.IsNullOrEmpty(x.DhcpRangeStart);
        var hasEnd = !string.IsNullOrEmpty(x.DhcpRangeEnd);
        if (hasStart != hasEnd)
        {
            var (given, missing) = hasStart ? (startPath, endPath) : (endPath, startPath);
            ctx.Report(missing, $"{given} is set but {missing} is not: a DHCP pool needs both ends (or leave both empty for static leases only)");
            return;
        }
        var network = Ipv4Network.Parse(ctx.Config.Networks.Compute.Cidr, out _);
        var start = AddressChecks.Address(ctx, startPath, x.DhcpRangeStart);
        var end = AddressChecks.Address(ctx, endPath, x.DhcpRangeEnd);
        var startInside = AddressChecks.RequireInside(ctx, startPath, start, "networks.compute.cidr", network);
        var endInside = AddressChecks.RequireInside(ctx, endPath, end, "networks.compute.cidr", network);
        if (start is { } s && end is { } e && startInside && endInside && s.Value > e.Value)
        {
            ctx.Report(endPath, $"pool ends at {e}, before it starts ({startPath} is {s})");
        }
    }

    [GeneratedRegex("^/dev/[a-z][a-z0-9]{1,31}\\z")]
    private static partial Regex DiskPattern();

    // sda1, vdb2, xvda1 (a letter run, then digits) and nvme0n1p1, mmcblk0p1 are partitions.
    [GeneratedRegex("^/dev/((s|v|xv|h)d[a-z]+[0-9]+|(nvme[0-9]+n[0-9]+|mmcblk[0-9]+)p[0-9]+)\\z")]
    private static partial Regex PartitionPattern();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{0,31}(,[0-9]{1,7}[a-z0-9]{0,4})?\\z")]
    private static partial Regex ConsolePattern();
}
