namespace OsInstall.Common.Config.Rules;

/// <summary>
/// Every address and network of the cluster: well-formed, inside the network it belongs to, and
/// used once (hosts, gateways, router ports and VIPs must not collide).
/// </summary>
public static class AddressRules
{
    public static void Check(ValidationContext ctx)
    {
        var c = ctx.Config;
        var n = c.Networks;
        var used = new List<(string Path, Ipv4Address Ip, bool IsVip)>();

        var internalNet = AddressChecks.Network(ctx, "networks.internal.cidr", n.Internal.Cidr);
        var computeNet = AddressChecks.Network(ctx, "networks.compute.cidr", n.Compute.Cidr);
        var providerNet = AddressChecks.Network(ctx, "networks.provider.cidr", n.Provider.Cidr);
        RequireOctetAligned(ctx, "networks.internal.cidr", internalNet);
        RequireOctetAligned(ctx, "networks.compute.cidr", computeNet);
        RequireDisjoint(ctx, [("networks.internal.cidr", internalNet), ("networks.compute.cidr", computeNet), ("networks.provider.cidr", providerNet)]);

        void Member(string path, string? value, string networkPath, Ipv4Network? network, bool isVip = false)
        {
            var ip = AddressChecks.Address(ctx, path, value);
            AddressChecks.RequireInside(ctx, path, ip, networkPath, network);
            if (ip is { } a)
            {
                used.Add((path, a, isVip));
            }
        }

        for (var i = 0; i < c.Controllers.Count; i++)
        {
            Member($"controllers[{i}].address", c.Controllers[i].Address, "networks.compute.cidr", computeNet);
        }
        for (var i = 0; i < c.ComputeNodes.Count; i++)
        {
            Member($"compute_nodes[{i}].address", c.ComputeNodes[i].Address, "networks.compute.cidr", computeNet);
        }
        Member("networks.compute.default_gateway", n.Compute.DefaultGateway, "networks.compute.cidr", computeNet);
        Member("networks.compute.router_port_ip", n.Compute.RouterPortIp, "networks.compute.cidr", computeNet);
        Member("networks.internal.gateway", n.Internal.Gateway, "networks.internal.cidr", internalNet);
        Member("networks.provider.gateway", n.Provider.Gateway, "networks.provider.cidr", providerNet);
        Member("networks.provider.router_port_ip", n.Provider.RouterPortIp, "networks.provider.cidr", providerNet);
        Member("vips.postgres", c.Vips.Postgres, "networks.internal.cidr", internalNet, isVip: true);
        Member("vips.haproxy", c.Vips.Haproxy, "networks.internal.cidr", internalNet, isVip: true);
        if (c.Vips.HaproxyProxy is not null)
        {
            Member("vips.haproxy_proxy", c.Vips.HaproxyProxy, "networks.compute.cidr", computeNet, isVip: true);
        }

        ReportCollisions(ctx, used);

        for (var i = 0; i < c.Dns.Forwarders.Count; i++)
        {
            AddressChecks.Address(ctx, $"dns.forwarders[{i}]", c.Dns.Forwarders[i]);
        }
        if (ctx.Locations.Contains("ceph.monitors") && !ctx.Locations.HasFailed("ceph.monitors") && c.Ceph.Monitors.Count == 0)
        {
            ctx.Report("ceph.monitors", "no Ceph monitors listed; at least one is required (three for a healthy Ceph cluster)");
        }
        for (var i = 0; i < c.Ceph.Monitors.Count; i++)
        {
            AddressChecks.Address(ctx, $"ceph.monitors[{i}]", c.Ceph.Monitors[i]);
        }
    }

    // The bind zones for these networks are reverse zones named by whole octets (1.1.10.in-addr.arpa).
    private static void RequireOctetAligned(ValidationContext ctx, string path, Ipv4Network? network)
    {
        if (network is { } net && net.PrefixLength is not (8 or 16 or 24))
        {
            ctx.Report(path, $"prefix length /{net.PrefixLength} is not supported: must be /8, /16 or /24, because its DNS reverse zone is named by whole octets");
        }
    }

    private static void RequireDisjoint(ValidationContext ctx, (string Path, Ipv4Network? Net)[] networks)
    {
        for (var i = 0; i < networks.Length; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (networks[i].Net is { } a && networks[j].Net is { } b && (a.Contains(b.Address) || b.Contains(a.Address)))
                {
                    ctx.Report(networks[i].Path, $"network {a} overlaps {networks[j].Path} {b}; the networks must be distinct");
                }
            }
        }
    }

    private static void ReportCollisions(ValidationContext ctx, List<(string Path, Ipv4Address Ip, bool IsVip)> used)
    {
        var first = new Dictionary<uint, (string Path, bool IsVip)>();
        foreach (var (path, ip, isVip) in used)
        {
            if (!first.TryGetValue(ip.Value, out var earlier))
            {
                first[ip.Value] = (path, isVip);
                continue;
            }
            var line = ctx.Locations.Find(earlier.Path).Line;
            var message = isVip || earlier.IsVip
                ? $"VIP collision: {ip} is also {earlier.Path} (line {line}); a VIP must be an address no host, gateway or other VIP uses"
                : $"duplicate address {ip}: also used by {earlier.Path} (line {line})";
            ctx.Report(path, message);
        }
    }
}
