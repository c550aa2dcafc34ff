using OsInstall.Components.Pxe;
using OsInstall.Tests.Bind;
using Xunit;

namespace OsInstall.Tests.Pxe;

/// <summary>The rendered dnsmasq configuration, checked by dnsmasq itself.</summary>
public sealed class DnsmasqConfigTests
{
    private static readonly string Dnsmasq = Tool.Require("/usr/sbin/dnsmasq");

    private static async Task<(int Exit, string Output)> TestAsync(string file) => await Tool.RunAsync(Dnsmasq, "--test", "--conf-file=" + file);

    [Fact]
    public async Task The_default_configuration_passes_dnsmasq_test()
    {
        using var r = new PxeRender(PxeRender.Yaml());
        var (exit, output) = await TestAsync(r.Path(PxeLayout.DnsmasqConf));
        Assert.True(exit == 0, output);
        var conf = DnsmasqConf.Parse(r.Text(PxeLayout.DnsmasqConf));
        Assert.Equal("10.1.1.0,static,255.255.255.0,12h", conf.Single("dhcp-range"));
        Assert.Empty(conf.All("dhcp-host"));
        Assert.Equal(r.Dir, conf.Single("tftp-root"));
        Assert.Equal("eth0", conf.Single("interface"));
        Assert.Equal("0", conf.Single("port"));
    }

    [Fact]
    public async Task Static_leases_and_a_dynamic_pool_pass_dnsmasq_test()
    {
        using var r = new PxeRender(PxeRender.WithMacsAndPool());
        var (exit, output) = await TestAsync(r.Path(PxeLayout.DnsmasqConf));
        Assert.True(exit == 0, output);
        var conf = DnsmasqConf.Parse(r.Text(PxeLayout.DnsmasqConf));
        Assert.Equal("10.1.1.200,10.1.1.220,255.255.255.0,12h", conf.Single("dhcp-range"));
        Assert.Equal(
            ["52:54:00:00:00:01,10.1.1.1,o3p-os-controller-1", "52:54:00:00:00:04,10.1.1.4,o3p-os-compute-1", "52:54:00:ab:cd:05,10.1.1.5,o3p-os-compute-2"],
            conf.All("dhcp-host"));
        Assert.True(conf.Has("dhcp-option", "option:router,10.1.1.254"));
        Assert.True(conf.Has("dhcp-option", "option:dns-server,10.1.1.10,10.1.1.11"));
    }

    [Fact]
    public async Task A_broken_configuration_fails_dnsmasq_test_so_the_check_can_fail()
    {
        using var r = new PxeRender(PxeRender.Yaml());
        var broken = r.Path("broken.conf");
        await File.WriteAllTextAsync(broken, r.Text(PxeLayout.DnsmasqConf) + "dhcp-range=10.1.1.300,10.1.1.20,12h\n");
        var (exit, output) = await TestAsync(broken);
        Assert.NotEqual(0, exit);
        Assert.Contains("dhcp-range", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Firmware_gets_an_ipxe_binary_and_ipxe_gets_the_rendered_boot_script()
    {
        using var r = new PxeRender(PxeRender.Yaml());
        var conf = DnsmasqConf.Parse(r.Text(PxeLayout.DnsmasqConf));
        Assert.True(conf.Has("dhcp-userclass", "set:ipxe,iPXE"));
        Assert.True(conf.Has("dhcp-match", "set:ipxe,175"));
        var boots = conf.All("dhcp-boot").Select(b => b.Split(',')).ToList();

        // The iPXE client's file is a file of the served directory, the boot script itself.
        var ipxe = Assert.Single(boots, b => b[0] == "tag:ipxe");
        Assert.Equal(PxeLayout.BootScript, ipxe[1]);
        Assert.True(File.Exists(System.IO.Path.Combine(conf.Single("tftp-root"), ipxe[1])), "the chained file is not in tftp-root");
        Assert.Equal("#!ipxe", File.ReadLines(r.Path(ipxe[1])).First());
        Assert.Equal("10.1.1.1", ipxe[3]);

        // Plain PXE firmware (no ipxe tag) gets an iPXE binary, by architecture.
        var firmware = boots.Where(b => b[0] == "tag:!ipxe").ToList();
        Assert.Equal(2, firmware.Count);
        Assert.Contains(firmware, b => b[1] == "tag:!efi64" && b[2] == PxeLayout.BiosLoader);
        Assert.Contains(firmware, b => b[1] == "tag:efi64" && b[2] == PxeLayout.EfiLoader);
    }
}
