using OsInstall.Common.Dns;
using OsInstall.Common.Ovn;
using OsInstall.Components.Ovn;
using OsInstall.Tests.Bind;
using OsInstall.Tests.Ovn;
using Xunit;

namespace OsInstall.Tests.DnsSync;

/// <summary>"dns sync" against a real northbound database and real named: a missing record is added, a stale one removed.</summary>
[Collection(OvnNamedCollection.Name)]
public sealed class DnsSyncTests(OvnCentralFixture ovn, NamedClusterFixture named)
{
    private Common.Ovn.DnsSync Sync => new(ovn.Northbound, named.Records, named.Config);

    [Fact]
    public async Task Sync_adds_the_missing_record_and_removes_the_stale_one()
    {
        await OvnTopology.ApplyAsync(OvnInstaller.Northbound(ovn.Target, ovn.Settings), ovn.Config, ovn.Settings, CancellationToken.None);
        var network = new OvnContainerNetwork(ovn.Northbound, named.Records, named.Config);
        var address = await network.AttachAsync("placement-1", "o3p-os-controller-3");
        await named.Records.DeleteHostAsync("placement-1");
        await named.Records.AddOrReplaceHostAsync("ghost-1", "10.0.0.77");
        Assert.Equal("NXDOMAIN", await named.Status(named.Primary, "placement-1.oppp.lab", "A"));
        Assert.Equal("10.0.0.77", await named.Dig(named.Primary, "ghost-1.oppp.lab", "A"));
        var controllerBefore = await named.Dig(named.Primary, "-x", "10.1.1.1");

        var dry = await Sync.RunAsync(dryRun: true);
        Assert.False(dry.Applied);
        Assert.Contains(DnsChange.SetA("placement-1", address.Ip), dry.Changes);
        Assert.Contains(DnsChange.DeleteA("ghost-1"), dry.Changes);
        Assert.Equal("NXDOMAIN", await named.Status(named.Primary, "placement-1.oppp.lab", "A"));

        var result = await Sync.RunAsync(dryRun: false);

        Assert.True(result.Applied);
        Assert.Equal(address.Ip, await named.Dig(named.Primary, "placement-1.oppp.lab", "A"));
        Assert.Equal("placement-1.oppp.lab.", await named.Dig(named.Primary, "-x", address.Ip));
        Assert.Equal("NXDOMAIN", await named.Status(named.Primary, "ghost-1.oppp.lab", "A"));
        Assert.Equal("NXDOMAIN", await named.Status(named.Primary, "-x", "10.0.0.77"));
        Assert.Equal(controllerBefore, await named.Dig(named.Primary, "-x", "10.1.1.1"));

        Assert.True((await Sync.RunAsync(dryRun: false)).InSync);
        await network.DetachAsync("placement-1");
    }

    [Fact]
    public async Task Sync_never_removes_node_or_name_server_records()
    {
        await named.Records.AddOrReplaceHostAsync("o3p-os-compute-1", "10.1.1.4");
        var forward = await named.Records.ReadZoneAsync("oppp.lab");
        var outside = forward.Records.Where(r => r.Type is "A" or "NS").ToList();

        var plan = await Sync.PlanAsync();

        Assert.DoesNotContain(plan, c => c.Name.StartsWith("o3p-os-", StringComparison.Ordinal));
        Assert.NotEmpty(outside);
        await named.Records.DeleteHostAsync("o3p-os-compute-1");
    }
}
