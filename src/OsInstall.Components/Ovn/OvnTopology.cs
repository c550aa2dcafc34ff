using System.Globalization;
using System.Net;
using OsInstall.Common.Config;
using OsInstall.Common.Ovn;
using N = OsInstall.Components.Ovn.OvnTopologyNames;

namespace OsInstall.Components.Ovn;

/// <summary>
/// The logical network of the seed, written once into the northbound database: the overlay switch
/// of the containers (dynamic addresses, DHCP), the provider router with SNAT to the provider
/// network, the compute router towards the nodes' network, the /30 between the routers, the
/// bridged provider and compute switches with their localnet ports, and the HA chassis group of
/// the controllers on the routers' external ports. Every command may run again: objects are
/// created with --may-exist or after a lookup, properties are set to their full value.
/// </summary>
public static class OvnTopology
{
    public static Task ApplyAsync(OvnNorthbound nb, ClusterConfig config, OvnSettings settings, CancellationToken ct) =>
        ApplyAsync(nb, config, settings, dryRun: false, ct);

    /// <param name="dryRun">A dry run's lookups find nothing: a row it "created" is then referred to by a placeholder.</param>
    public static async Task ApplyAsync(OvnNorthbound nb, ClusterConfig config, OvnSettings settings, bool dryRun, CancellationToken ct)
    {
        var net = config.Networks;
        var providerRouter = config.Ovn.RouterProvider;
        var computeRouter = config.Ovn.RouterCompute;

        await nb.RunAsync(["set", "nb_global", ".", $"options:mac_prefix={OvsdbString.Quote(net.MacOui)}"], ct).ConfigureAwait(false);

        await nb.RunAsync(
        [
            "--may-exist", "ls-add", net.Internal.Bridge, "--", "set", "logical_switch", net.Internal.Bridge,
            $"other_config:subnet={OvsdbString.Quote(net.Internal.Cidr)}",
            $"other_config:exclude_ips={OvsdbString.Quote(string.Join(' ', ExcludedAddresses(config)))}",
            "other_config:mac_only=false", .. NoMulticast,
        ], ct).ConfigureAwait(false);
        foreach (var bridged in new[] { net.Provider.Bridge, net.Compute.Bridge })
        {
            await nb.RunAsync(["--may-exist", "ls-add", bridged, "--", "set", "logical_switch", bridged, .. NoMulticast], ct).ConfigureAwait(false);
        }

        await nb.RunAsync(["--may-exist", "lr-add", providerRouter, "--", "set", "logical_router", providerRouter, "enabled=true"], ct).ConfigureAwait(false);
        await RouterPortAsync(nb, providerRouter, N.InternalGatewayRouterPort, net.Internal.GatewayMac, WithPrefix(net.Internal.Gateway, net.Internal.Cidr), ct).ConfigureAwait(false);
        await RouterPortAsync(nb, providerRouter, N.ProviderNetworkRouterPort, net.Provider.RouterPortMac, WithPrefix(net.Provider.RouterPortIp, net.Provider.Cidr), ct).ConfigureAwait(false);
        await RouterPortAsync(nb, providerRouter, N.ProviderToComputeRouterPort, config.Ovn.InterRouterProviderMac, settings.InterconnectProvider, ct, peer: N.ComputeToProviderRouterPort).ConfigureAwait(false);

        await nb.RunAsync(["--may-exist", "lr-add", computeRouter, "--", "set", "logical_router", computeRouter, "enabled=true"], ct).ConfigureAwait(false);
        await RouterPortAsync(nb, computeRouter, N.ComputeToProviderRouterPort, config.Ovn.InterRouterComputeMac, settings.InterconnectCompute, ct, peer: N.ProviderToComputeRouterPort).ConfigureAwait(false);
        await RouterPortAsync(nb, computeRouter, N.ComputeNetworkRouterPort, net.Compute.RouterPortMac, WithPrefix(net.Compute.RouterPortIp, net.Compute.Cidr), ct).ConfigureAwait(false);

        // Default route out of the provider network; the nodes' network and the internal network
        // are reached over the interconnect, each router pointing at the other's end.
        await nb.RunAsync(["--may-exist", "lr-route-add", providerRouter, "0.0.0.0/0", net.Provider.Gateway], ct).ConfigureAwait(false);
        await nb.RunAsync(["--may-exist", "lr-route-add", providerRouter, net.Compute.Cidr, AddressOf(settings.InterconnectCompute)], ct).ConfigureAwait(false);
        await nb.RunAsync(["--may-exist", "lr-route-add", computeRouter, net.Internal.Cidr, AddressOf(settings.InterconnectProvider)], ct).ConfigureAwait(false);

        await GatewayChassisAsync(nb, config, settings, dryRun, ct).ConfigureAwait(false);

        await nb.RunAsync(["--may-exist", "lr-nat-add", providerRouter, "snat", net.Provider.RouterPortIp, net.Internal.Cidr], ct).ConfigureAwait(false);
        if (!string.IsNullOrEmpty(config.Vips.HaproxyProxy))
        {
            // Horizon from the nodes' network: the proxy address is DNAT-ed to haproxy's VIP.
            await nb.RunAsync(["--may-exist", "lr-nat-add", computeRouter, "dnat", config.Vips.HaproxyProxy, config.Vips.Haproxy], ct).ConfigureAwait(false);
        }

        await RouterSwitchPortAsync(nb, net.Internal.Bridge, N.InternalGatewaySwitchPort, [$"router-port={N.InternalGatewayRouterPort}"], ct).ConfigureAwait(false);
        await RouterSwitchPortAsync(nb, net.Provider.Bridge, N.ProviderNetworkSwitchPort, [$"router-port={N.ProviderNetworkRouterPort}", "nat-addresses=router"], ct).ConfigureAwait(false);
        await RouterSwitchPortAsync(nb, net.Compute.Bridge, N.ComputeNetworkSwitchPort, [$"router-port={N.ComputeNetworkRouterPort}", "nat-addresses=router"], ct).ConfigureAwait(false);
        await LocalnetPortAsync(nb, net.Provider.Bridge, N.ProviderLocalnetPort, N.ProviderPhysicalNetwork, ct).ConfigureAwait(false);
        await LocalnetPortAsync(nb, net.Compute.Bridge, N.ComputeLocalnetPort, N.ComputePhysicalNetwork, ct).ConfigureAwait(false);

        await DhcpOptionsAsync(nb, config, settings, dryRun, ct).ConfigureAwait(false);
    }

    /// <summary>Removes everything <see cref="ApplyAsync"/> created (ports, routes and NAT go with their router or switch).</summary>
    public static async Task RemoveAsync(OvnNorthbound nb, ClusterConfig config, CancellationToken ct)
    {
        var net = config.Networks;
        await nb.RunAsync(
        [
            "--if-exists", "lr-del", config.Ovn.RouterProvider,
            "--", "--if-exists", "lr-del", config.Ovn.RouterCompute,
            "--", "--if-exists", "ls-del", net.Internal.Bridge,
            "--", "--if-exists", "ls-del", net.Provider.Bridge,
            "--", "--if-exists", "ls-del", net.Compute.Bridge,
        ], ct).ConfigureAwait(false);
        if (await nb.FindUuidAsync("ha_chassis_group", [$"name={OvnSettings.HaChassisGroup}"], ct).ConfigureAwait(false) is not null)
        {
            await nb.RunAsync(["ha-chassis-group-del", OvnSettings.HaChassisGroup], ct).ConfigureAwait(false);
        }
        var dhcp = await nb.FindUuidAsync("dhcp_options", [$"cidr={net.Internal.Cidr}"], ct).ConfigureAwait(false);
        if (dhcp is not null)
        {
            await nb.RunAsync(["dhcp-options-del", dhcp], ct).ConfigureAwait(false);
        }
    }

    /// <summary>The gateway and the VIPs: northd must never hand them to a container.</summary>
    public static IReadOnlyList<string> ExcludedAddresses(ClusterConfig config) =>
        new[] { config.Networks.Internal.Gateway, config.Vips.Postgres, config.Vips.Haproxy }
            .Where(a => !string.IsNullOrEmpty(a)).Distinct(StringComparer.Ordinal).ToList();

    private static readonly string[] NoMulticast = ["other_config:mcast_snoop=false", "other_config:mcast_flood_unregistered=false"];

    // --may-exist still fails when an existing port differs (mac, networks, peer): the peer is
    // given here too, so a rerun finds the port exactly as it would create it.
    private static Task RouterPortAsync(OvnNorthbound nb, string router, string port, string mac, string network, CancellationToken ct, string? peer = null) =>
        nb.RunAsync(["--may-exist", "lrp-add", router, port, mac, network, .. peer is null ? Array.Empty<string>() : [$"peer={peer}"], "--", "lrp-set-enabled", port, "enabled"], ct);

    private static Task RouterSwitchPortAsync(OvnNorthbound nb, string logicalSwitch, string port, IEnumerable<string> options, CancellationToken ct) =>
        nb.RunAsync(
        [
            "--may-exist", "lsp-add", logicalSwitch, port,
            "--", "lsp-set-type", port, "router",
            "--", "lsp-set-addresses", port, "router",
            "--", "lsp-set-options", port, .. options,
            "--", "lsp-set-enabled", port, "enabled",
        ], ct);

    private static Task LocalnetPortAsync(OvnNorthbound nb, string logicalSwitch, string port, string physicalNetwork, CancellationToken ct) =>
        nb.RunAsync(
        [
            "--may-exist", "lsp-add", logicalSwitch, port,
            "--", "lsp-set-type", port, "localnet",
            "--", "lsp-set-addresses", port, "unknown",
            "--", "lsp-set-options", port, $"network_name={physicalNetwork}",
            "--", "lsp-set-enabled", port, "enabled",
        ], ct);

    /// <summary>
    /// The routers' external ports are bound to one controller at a time: the highest priority
    /// alive. Priorities count down from just below the median, controller-1 highest, as the original.
    /// </summary>
    private static async Task GatewayChassisAsync(OvnNorthbound nb, ClusterConfig config, OvnSettings settings, bool dryRun, CancellationToken ct)
    {
        var group = await nb.FindUuidAsync("ha_chassis_group", [$"name={OvnSettings.HaChassisGroup}"], ct).ConfigureAwait(false);
        if (group is null)
        {
            await nb.RunAsync(["ha-chassis-group-add", OvnSettings.HaChassisGroup], ct).ConfigureAwait(false);
            group = await nb.FindUuidAsync("ha_chassis_group", [$"name={OvnSettings.HaChassisGroup}"], ct).ConfigureAwait(false)
                ?? (dryRun ? "<ha_chassis_group uuid>" : throw new InvalidOperationException($"ha_chassis_group {OvnSettings.HaChassisGroup} was created but cannot be found"));
        }
        for (var i = 0; i < settings.Chassis.Count; i++)
        {
            var priority = config.Ovn.MedianHaChassisPriority - (i + 1);
            await nb.RunAsync(["ha-chassis-group-add-chassis", OvnSettings.HaChassisGroup, settings.Chassis[i], priority.ToString(CultureInfo.InvariantCulture)], ct).ConfigureAwait(false);
        }
        await nb.RunAsync(
        [
            "set", "logical_router_port", N.ProviderNetworkRouterPort, $"ha_chassis_group={group}",
            "--", "set", "logical_router_port", N.ComputeNetworkRouterPort, $"ha_chassis_group={group}",
        ], ct).ConfigureAwait(false);
    }

    private static async Task DhcpOptionsAsync(OvnNorthbound nb, ClusterConfig config, OvnSettings settings, bool dryRun, CancellationToken ct)
    {
        var net = config.Networks.Internal;
        var uuid = await nb.FindUuidAsync("dhcp_options", [$"cidr={net.Cidr}"], ct).ConfigureAwait(false);
        if (uuid is null)
        {
            await nb.RunAsync(["dhcp-options-create", net.Cidr], ct).ConfigureAwait(false);
            uuid = await nb.FindUuidAsync("dhcp_options", [$"cidr={net.Cidr}"], ct).ConfigureAwait(false)
                ?? (dryRun ? "<dhcp_options uuid>" : throw new InvalidOperationException($"DHCP options for {net.Cidr} were created but cannot be found"));
        }
        var dnsServers = string.Join(',', config.Controllers.Select(c => c.Address));
        await nb.RunAsync(
        [
            "dhcp-options-set-options", uuid,
            $"router={net.Gateway}",
            $"server_id={net.Gateway}",
            $"server_mac={net.DhcpServerMac}",
            $"lease_time={net.DhcpLeaseSeconds.ToString(CultureInfo.InvariantCulture)}",
            $"netmask={Netmask(net.Cidr)}",
            $"mtu={settings.InternalMtu.ToString(CultureInfo.InvariantCulture)}",
            $"dns_server={{{dnsServers}}}",
            // northd wants string-typed options (domain_name) in double quotes inside the value.
            $"domain_name={OvsdbString.Quote(config.Cluster.Domain)}",
            // Containers reach the nodes' network through the gateway; the default route too.
            $"classless_static_route={{{config.Networks.Compute.Cidr},{net.Gateway},0.0.0.0/0,{net.Gateway}}}",
        ], ct).ConfigureAwait(false);
    }

    private static string WithPrefix(string address, string cidr) =>
        $"{address}/{IPNetwork.Parse(cidr).PrefixLength.ToString(CultureInfo.InvariantCulture)}";

    private static string AddressOf(string addressWithPrefix) => addressWithPrefix.Split('/')[0];

    private static string Netmask(string cidr)
    {
        var prefix = IPNetwork.Parse(cidr).PrefixLength;
        var mask = prefix == 0 ? 0u : uint.MaxValue << (32 - prefix);
        return new IPAddress([(byte)(mask >> 24), (byte)(mask >> 16), (byte)(mask >> 8), (byte)mask]).ToString();
    }
}
