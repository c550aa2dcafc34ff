using OsInstall.Components.Ovn;
using Xunit;

namespace OsInstall.Tests.Ovn;

/// <summary>The component's logical topology written into a real northbound database and read back with ovn-nbctl.</summary>
[Collection(OvnCentralCollection.Name)]
public sealed class OvnTopologyTests(OvnCentralFixture ovn)
{
    private Task ApplyAsync() => OvnTopology.ApplyAsync(OvnInstaller.Northbound(ovn.Target, ovn.Settings), ovn.Config, ovn.Settings, CancellationToken.None);

    [Fact]
    public async Task Topology_creates_the_switches_routers_and_ports_of_the_seed()
    {
        await ApplyAsync();

        var switches = await ovn.NbctlAsync("--format=csv", "--data=bare", "--no-headings", "--columns=name", "list", "logical_switch");
        Assert.Equal(["br-compute", "br-internal", "br-provider"], switches.Split('\n').Order(StringComparer.Ordinal));
        var routers = await ovn.NbctlAsync("--format=csv", "--data=bare", "--no-headings", "--columns=name", "list", "logical_router");
        Assert.Equal(["router-compute", "router-provider"], routers.Split('\n').Order(StringComparer.Ordinal));

        Assert.Equal("\"10.0.0.0/24\"", await ovn.NbctlAsync("get", "logical_switch", "br-internal", "other_config:subnet"));
        Assert.Equal("\"10.0.0.1 10.0.0.253 10.0.0.254\"", await ovn.NbctlAsync("get", "logical_switch", "br-internal", "other_config:exclude_ips"));
        Assert.Equal("\"2e:75:06\"", await ovn.NbctlAsync("get", "nb_global", ".", "options:mac_prefix"));

        var providerPorts = await ovn.NbctlAsync("lrp-list", "router-provider");
        Assert.Contains("(lrp-internal-gateway)", providerPorts);
        Assert.Contains("(lrp-provider-network)", providerPorts);
        Assert.Contains("(lrp-compute-router)", providerPorts);
        Assert.Equal("\"2e:75:05:06:00:00\"", await ovn.NbctlAsync("get", "logical_router_port", "lrp-internal-gateway", "mac"));
        Assert.Equal("[\"10.0.0.1/24\"]", await ovn.NbctlAsync("get", "logical_router_port", "lrp-internal-gateway", "networks"));
        Assert.Equal("[\"10.1.2.149/24\"]", await ovn.NbctlAsync("get", "logical_router_port", "lrp-provider-network", "networks"));
        Assert.Equal("[\"10.1.1.99/24\"]", await ovn.NbctlAsync("get", "logical_router_port", "lrp-compute-network", "networks"));
        Assert.Equal("lrp-provider-router", await ovn.NbctlAsync("get", "logical_router_port", "lrp-compute-router", "peer"));
        Assert.Equal("lrp-compute-router", await ovn.NbctlAsync("get", "logical_router_port", "lrp-provider-router", "peer"));

        var providerRoutes = await ovn.NbctlAsync("lr-route-list", "router-provider");
        Assert.Matches(@"0\.0\.0\.0/0\s+10\.1\.2\.128", providerRoutes);
        Assert.Matches(@"10\.1\.1\.0/24\s+10\.10\.10\.2", providerRoutes);
        Assert.Matches(@"10\.0\.0\.0/24\s+10\.10\.10\.1", await ovn.NbctlAsync("lr-route-list", "router-compute"));

        Assert.Matches(@"snat\s+10\.1\.2\.149\s+10\.0\.0\.0/24", await ovn.NbctlAsync("lr-nat-list", "router-provider"));

        Assert.Equal("localnet", await ovn.NbctlAsync("lsp-get-type", "lsp-provider-localnet-port"));
        Assert.Equal("network_name=provider", await ovn.NbctlAsync("lsp-get-options", "lsp-provider-localnet-port"));
        Assert.Equal("network_name=compute", await ovn.NbctlAsync("lsp-get-options", "lsp-compute-localnet-port"));
        Assert.Equal("router", await ovn.NbctlAsync("lsp-get-type", "lsp-internal-gateway-port"));
        Assert.Contains("router-port=lrp-internal-gateway", await ovn.NbctlAsync("lsp-get-options", "lsp-internal-gateway-port"));

        var group = await ovn.NbctlAsync("ha-chassis-group-list");
        Assert.Contains("controller_ha_chassis_group", group);
        Assert.Matches(@"\(o3p-os-controller-1\.oppp\.lab\)\s+priority 16380", group);
        Assert.Matches(@"\(o3p-os-controller-3\.oppp\.lab\)\s+priority 16378", group);
        var groupUuid = await ovn.NbctlAsync("--bare", "--columns=_uuid", "find", "ha_chassis_group", "name=controller_ha_chassis_group");
        Assert.Equal(groupUuid, await ovn.NbctlAsync("get", "logical_router_port", "lrp-provider-network", "ha_chassis_group"));
    }

    [Fact]
    public async Task Dhcp_options_of_the_internal_network_carry_router_dns_domain_and_routes()
    {
        await ApplyAsync();

        var uuid = await ovn.NbctlAsync("--bare", "--columns=_uuid", "find", "dhcp_options", "cidr=10.0.0.0/24");
        Assert.Single(uuid.Split('\n'));
        var options = await ovn.NbctlAsync("dhcp-options-get-options", uuid);
        var map = options.Split('\n').Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        Assert.Equal("10.0.0.1", map["router"]);
        Assert.Equal("10.0.0.1", map["server_id"]);
        Assert.Equal("2e:75:05:03:00:00", map["server_mac"]);
        Assert.Equal("86400", map["lease_time"]);
        Assert.Equal("255.255.255.0", map["netmask"]);
        Assert.Equal("{10.1.1.1,10.1.1.2,10.1.1.3}", map["dns_server"]);
        Assert.Equal("\"oppp.lab\"", map["domain_name"]);
        Assert.Equal("{10.1.1.0/24,10.0.0.1,0.0.0.0/0,10.0.0.1}", map["classless_static_route"]);
    }

    [Fact]
    public async Task Applying_the_topology_again_changes_nothing()
    {
        await ApplyAsync();
        var before = await ovn.DumpAsync();

        await ApplyAsync();

        Assert.Equal(before, await ovn.DumpAsync());
    }

    [Fact]
    public async Task Removing_the_topology_leaves_no_switch_router_group_or_dhcp_options_and_it_can_be_applied_again()
    {
        await ApplyAsync();
        var network = OvnInstaller.Northbound(ovn.Target, ovn.Settings);

        await OvnTopology.RemoveAsync(network, ovn.Config, CancellationToken.None);
        await OvnTopology.RemoveAsync(network, ovn.Config, CancellationToken.None);

        foreach (var table in new[] { "logical_switch", "logical_router", "ha_chassis_group", "dhcp_options", "nat", "logical_router_static_route" })
        {
            Assert.Equal("", await ovn.NbctlAsync("--format=csv", "--data=bare", "--no-headings", "--columns=_uuid", "list", table));
        }
        await ApplyAsync();
        Assert.Contains("br-internal", await ovn.NbctlAsync("ls-list"));
    }
}
