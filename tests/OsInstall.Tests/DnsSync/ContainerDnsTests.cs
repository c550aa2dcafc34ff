using System.Net;
using OsInstall.Common.Ovn;
using OsInstall.Components.Ovn;
using OsInstall.Tests.Bind;
using OsInstall.Tests.Ovn;
using Xunit;

namespace OsInstall.Tests.DnsSync;

/// <summary>A container's port gets its address from the real ovn-northd, and that address is what real named answers.</summary>
[Collection(OvnNamedCollection.Name)]
public sealed class ContainerDnsTests(OvnCentralFixture ovn, NamedClusterFixture named)
{
    private async Task<OvnContainerNetwork> NetworkAsync()
    {
        await OvnTopology.ApplyAsync(OvnInstaller.Northbound(ovn.Target, ovn.Settings), ovn.Config, ovn.Settings, CancellationToken.None);
        return new OvnContainerNetwork(ovn.Northbound, named.Records, named.Config) { AddressTimeout = TimeSpan.FromSeconds(30) };
    }

    [Fact]
    public async Task Attach_gives_the_port_a_northd_address_and_dig_answers_its_A_and_PTR()
    {
        var network = await NetworkAsync();

        var address = await network.AttachAsync("keystone-1", "o3p-os-controller-2");

        var northd = await ovn.NbctlAsync("get", "logical_switch_port", "keystone-1", "dynamic_addresses");
        Assert.Equal($"\"{address.Mac} {address.Ip}\"", northd);
        Assert.StartsWith("2e:75:06:", address.Mac, StringComparison.Ordinal);
        Assert.True(IPNetwork.Parse("10.0.0.0/24").Contains(IPAddress.Parse(address.Ip)));
        Assert.DoesNotContain(address.Ip, OvnTopology.ExcludedAddresses(ovn.Config));
        Assert.Equal("requested-chassis=o3p-os-controller-2.oppp.lab", await ovn.NbctlAsync("lsp-get-options", "keystone-1"));
        var dhcp = await ovn.NbctlAsync("--bare", "--columns=_uuid", "find", "dhcp_options", "cidr=10.0.0.0/24");
        Assert.Equal(dhcp, await ovn.NbctlAsync("lsp-get-dhcpv4-options", "keystone-1").ContinueWith(t => t.Result.Split(' ')[0]));
        Assert.Equal(address, await network.AddressOfAsync("keystone-1"));

        Assert.Equal(address.Ip, await named.Dig(named.Primary, "keystone-1.oppp.lab", "A"));
        Assert.Equal("keystone-1.oppp.lab.", await named.Dig(named.Primary, "-x", address.Ip));

        // Attaching again keeps the port, its address and the records.
        Assert.Equal(address, await network.AttachAsync("keystone-1", "o3p-os-controller-2"));

        Assert.True(await network.DetachAsync("keystone-1"));
    }

    [Fact]
    public async Task Detach_removes_the_port_and_dig_answers_NXDOMAIN()
    {
        var network = await NetworkAsync();
        var address = await network.AttachAsync("glance-1", "o3p-os-controller-1");

        Assert.True(await network.DetachAsync("glance-1"));

        Assert.Equal("", await ovn.NbctlAsync("--bare", "--columns=_uuid", "find", "logical_switch_port", "name=glance-1"));
        Assert.Null(await network.AddressOfAsync("glance-1"));
        Assert.Equal("NXDOMAIN", await named.Status(named.Primary, "glance-1.oppp.lab", "A"));
        Assert.Equal("NXDOMAIN", await named.Status(named.Primary, "-x", address.Ip));
        Assert.False(await network.DetachAsync("glance-1"));
    }

    [Fact]
    public async Task Two_ports_get_different_addresses()
    {
        var network = await NetworkAsync();

        var a = await network.AttachAsync("nova-1", "o3p-os-controller-1");
        var b = await network.AttachAsync("nova-2", "o3p-os-controller-2");

        Assert.NotEqual(a.Ip, b.Ip);
        Assert.NotEqual(a.Mac, b.Mac);
        await network.DetachAsync("nova-1");
        await network.DetachAsync("nova-2");
    }
}
