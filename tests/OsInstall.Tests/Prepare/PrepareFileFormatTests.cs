using System.Text.RegularExpressions;
using OsInstall.Components.Prepare;
using Xunit;

namespace OsInstall.Tests.Prepare;

/// <summary>The rendered interfaces, sysctl and limits files parse the way their readers parse them.</summary>
public sealed class PrepareFileFormatTests
{
    [Fact]
    public void Interfaces_give_the_compute_interface_the_hosts_address_and_leave_the_bridged_ones_bare()
    {
        var ctx = PrepareHarness.Context(PrepareTestConfig.Create());
        var file = InterfacesFile.Parse(NetworkInterfaces.Render(ctx, "o3p-os-controller-3"));

        Assert.Equal(new[] { "lo", "eth0", "eth1", "eth2" }, file.Auto);
        Assert.Equal("loopback", file.Ifaces["lo"].Method);
        Assert.Equal("static", file.Ifaces["eth0"].Method);
        Assert.Equal("10.1.1.3", file.Option("eth0", "address"));
        Assert.Equal("255.255.255.0", file.Option("eth0", "netmask"));
        Assert.Equal("10.1.1.254", file.Option("eth0", "gateway"));
        Assert.Equal("ip link set dev eth0 txqueuelen 10000", file.Option("eth0", "post-up"));
        Assert.All(new[] { "eth1", "eth2" }, i =>
        {
            Assert.Equal("manual", file.Ifaces[i].Method);
            Assert.DoesNotContain(file.Ifaces[i].Options, o => o.Key == "address");
        });
    }

    [Fact]
    public void Interfaces_define_an_interface_once_even_when_networks_share_it()
    {
        var config = PrepareTestConfig.Create();
        config.Networks.Provider.Interface = "eth0";
        config.Networks.Compute.OvsBridgingInterface = "eth1";
        var file = InterfacesFile.Parse(NetworkInterfaces.Render(PrepareHarness.Context(config), "o3p-os-controller-1"));
        Assert.Equal(new[] { "lo", "eth0", "eth1" }, file.Auto);
        Assert.Equal("static", file.Ifaces["eth0"].Method);
    }

    [Fact]
    public void Interfaces_have_no_gateway_line_when_the_compute_network_has_no_default_gateway()
    {
        var config = PrepareTestConfig.Create();
        config.Networks.Compute.DefaultGateway = "";
        var file = InterfacesFile.Parse(NetworkInterfaces.Render(PrepareHarness.Context(config), "o3p-os-controller-1"));
        Assert.DoesNotContain(file.Ifaces["eth0"].Options, o => o.Key == "gateway");
        Assert.Equal("10.1.1.1", file.Option("eth0", "address"));
    }

    [Fact]
    public void Interfaces_parser_rejects_what_ifupdown_would()
    {
        Assert.Throws<FormatException>(() => InterfacesFile.Parse("auto eth0\n"));
        Assert.Throws<FormatException>(() => InterfacesFile.Parse("auto eth0\niface eth0 inet static\n\tnetmask 255.0.0.0\n"));
        Assert.Throws<FormatException>(() => InterfacesFile.Parse("iface eth0 inet manual\niface eth0 inet manual\n"));
    }

    [Fact]
    public void Sysctl_file_carries_the_originals_settings_once_each()
    {
        var values = SysctlFile.Parse(KernelTuning.RenderSysctl(PrepareHarness.Context(PrepareTestConfig.Create())));
        var expected = new Dictionary<string, string>
        {
            ["net.ipv6.conf.all.disable_ipv6"] = "1",
            ["net.ipv6.conf.default.disable_ipv6"] = "1",
            ["net.ipv6.conf.lo.disable_ipv6"] = "1",
            ["fs.inotify.max_queued_events"] = "1048576",
            ["fs.inotify.max_user_instances"] = "1048576",
            ["fs.inotify.max_user_watches"] = "1048576",
            ["vm.max_map_count"] = "262144",
            ["kernel.dmesg_restrict"] = "1",
            ["net.ipv4.neigh.default.gc_thresh3"] = "8192",
            ["net.core.bpf_jit_limit"] = "3000000000",
            ["kernel.keys.maxkeys"] = "2000",
            ["kernel.keys.maxbytes"] = "2000000",
            ["fs.aio-max-nr"] = "524288",
            ["net.core.netdev_max_backlog"] = "93315",
        };
        Assert.Equal(expected.OrderBy(kv => kv.Key), values.OrderBy(kv => kv.Key));
    }

    [Fact]
    public void Sysctl_parser_rejects_malformed_and_duplicate_lines()
    {
        Assert.Throws<FormatException>(() => SysctlFile.Parse("vm.max_map_count 262144\n"));
        Assert.Throws<FormatException>(() => SysctlFile.Parse("vm.max_map_count = 1\nvm.max_map_count = 2\n"));
    }

    [Fact]
    public void Limits_lines_have_domain_type_item_value()
    {
        var text = KernelTuning.RenderLimits(PrepareHarness.Context(PrepareTestConfig.Create()));
        var lines = text.Split('\n').Where(l => l.Length > 0 && l[0] != '#').ToList();
        Assert.Equal(8, lines.Count);
        Assert.All(lines, l => Assert.Matches(new Regex(@"^(\*|root)\t(soft|hard)\t(nofile|memlock)\t(1048576|unlimited)$"), l));
    }

    [Fact]
    public void Route_conf_uses_the_network_address_even_when_the_cidr_has_host_bits()
    {
        var config = PrepareTestConfig.Create();
        config.Networks.Internal.Cidr = "172.16.5.9/20";
        Assert.Equal("net 172.16.0.0 netmask 255.255.240.0 gw 10.1.1.99\n", StaticRoute.Render(PrepareHarness.Context(config)));
    }

    [Theory]
    [InlineData("10.0.0.0/24", "10.0.0.0", "255.255.255.0")]
    [InlineData("10.1.1.77/32", "10.1.1.77", "255.255.255.255")]
    [InlineData("192.168.0.0/16", "192.168.0.0", "255.255.0.0")]
    [InlineData("0.0.0.0/0", "0.0.0.0", "0.0.0.0")]
    public void Ipv4_network_splits_a_cidr(string cidr, string network, string netmask)
    {
        var net = Ipv4Network.Parse(cidr);
        Assert.Equal((network, netmask), (net.Network, net.Netmask));
    }

    [Theory]
    [InlineData("10.0.0.0")]
    [InlineData("10.0.0.0/33")]
    [InlineData("fd00::/64")]
    [InlineData("10.0.0/24")]
    public void Ipv4_network_rejects_what_is_not_an_ipv4_cidr(string cidr) =>
        Assert.Throws<FormatException>(() => Ipv4Network.Parse(cidr));
}
