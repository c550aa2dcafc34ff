using OsInstall.Common.Journal;
using OsInstall.Components.Compute;
using OsInstall.Tests.Simulation;
using static OsInstall.Tests.Compute.ComputeCluster;

namespace OsInstall.Tests.Compute;

/// <summary>
/// osinstall node add|remove on a running cluster: the config file and the zones on controller-1
/// (checked with named-checkzone), and the compute component installed on or removed from that
/// one node only, journaled as compute@NAME.
/// </summary>
[Collection(ComputeClusterCollection.Name)]
public sealed class NodeCommandTests(ComputeCluster cluster)
{
    private const string Added = "o3p-os-compute-8";

    [SimulationFact]
    public async Task Node_add_installs_that_node_only_and_node_remove_takes_it_out_of_nova_placement_dns_and_the_config()
    {
        var host = cluster.Host(Added);
        // The config knows 7 nodes; the 8th host is up but not in it. node add gives only a name and an
        // address, so the SSH port of the new entry is the config's default: the 8th host's.
        using var op = cluster.Scenario(c =>
        {
            c.ComputeNodes.RemoveAll(n => n.Name == Added);
            c.Ssh.Port = host.Port;
        });
        var config = cluster.CreateConfig();
        cluster.ClearFaults();
        cluster.Seed(config);
        var answers = cluster.InRoot(C1, "/etc/osinstall-sim/openstack");
        Directory.CreateDirectory(answers);
        await File.WriteAllTextAsync(Path.Combine(answers, "compute-service-list"), $"42 {Added}\n");
        await File.WriteAllTextAsync(Path.Combine(answers, "resource-provider-list"), $"9d0f0c43-aaaa-4bbb-8ccc-000000000008 {Added}.oppp.lab\n1e2d3c4b-aaaa-4bbb-8ccc-000000000001 o3p-os-compute-1.oppp.lab\n");
        var before = await File.ReadAllTextAsync(op.ConfigPath);
        Assert.DoesNotContain(Added, before, StringComparison.Ordinal);

        // --dry-run: the whole plan, and nothing touched.
        cluster.ClearCalls();
        var dry = await op.RunAsync("node", "add", Added, host.Address, "--dry-run");
        Assert.True(dry.ExitCode == 0, dry.Output);
        Assert.Contains($"would add: compute node {Added}", dry.Output, StringComparison.Ordinal);
        Assert.Contains("virsh secret-define", dry.Output, StringComparison.Ordinal);
        Assert.Contains("nova-manage cell_v2 discover_hosts", dry.Output, StringComparison.Ordinal);
        Assert.Equal(before, await File.ReadAllTextAsync(op.ConfigPath));
        Assert.All(cluster.HostNames, h => Assert.Empty(cluster.Calls(h)));

        cluster.ClearCalls();
        var add = await op.RunAsync("node", "add", Added, host.Address);

        Assert.True(add.ExitCode == 0, add.Output);
        Assert.Contains($"name: {Added}", await File.ReadAllTextAsync(op.ConfigPath), StringComparison.Ordinal);
        var zone = await cluster.CheckZonesAsync(config);
        Assert.Matches($@"(?m)^{Added}\s+(IN\s+)?A\s+{host.Address.Replace(".", @"\.", StringComparison.Ordinal)}", zone);
        var calls = cluster.Calls(Added);
        Assert.Contains(calls, c => c.Command == "rc-service" && c.Args.Contains("nova-compute") && (c.Args[^1] is "start" or "restart"));
        Assert.Contains(calls, c => c.Command == "virsh" && c.Args[0] == "secret-define");
        foreach (var other in cluster.Nodes.Where(n => n != Added))
        {
            Assert.Empty(cluster.Calls(other));
        }
        var c1 = cluster.Calls(C1);
        Assert.All(c1.Where(c => c.Command == "scp"), c => Assert.Contains($"@{host.Address}:", c.ArgLine, StringComparison.Ordinal));
        Assert.Equal(3, Assert.Single(c1, c => c.Command == "scp").Args.Count(a => a.EndsWith(".tar.gz", StringComparison.Ordinal)));
        Assert.Single(c1, c => c.ArgLine.Contains("discover_hosts", StringComparison.Ordinal));
        var journal = InstallJournal.Load(Path.Combine(op.StateDir, "journal.json"));
        Assert.Equal(ComponentState.Installed, journal.Get(ComputeInstaller.NodeComponentName(Added)).State);
        Assert.Equal(ComponentState.NotInstalled, journal.Get(ComputeInstaller.ComponentName).State); // the cluster's record is untouched

        cluster.ClearCalls();
        var remove = await op.RunAsync("node", "remove", Added, "--yes");

        Assert.True(remove.ExitCode == 0, remove.Output);
        c1 = cluster.Calls(C1);
        Assert.Single(c1, c => c.Command == "openstack" && c.ArgLine == "compute service delete 42");
        Assert.Single(c1, c => c.Command == "openstack" && c.ArgLine == "resource provider delete 9d0f0c43-aaaa-4bbb-8ccc-000000000008");
        Assert.DoesNotContain(c1, c => c.Command == "openstack" && c.ArgLine.Contains("000000000001", StringComparison.Ordinal));
        calls = cluster.Calls(Added);
        var stops = calls.Where(c => c.Command == "rc-service" && c.Args.Contains("stop")).Select(c => c.Args[^2]).ToList();
        Assert.Equal(["cinder-volume", "neutron-ovn-metadata-agent", "nova-compute", "ovn-controller", "ovs-vswitchd", "ovsdb-server", "libvirtd", "dbus", "staticroute"], stops);
        // nova-compute stopped before its service record was deleted (it would register again).
        Assert.False(cluster.FileExists(Added, "/var/lib/osinstall-sim/services/nova-compute"));
        Assert.False(cluster.FileExists(Added, "/etc/nova/nova.conf"));
        Assert.False(cluster.FileExists(Added, "/etc/init.d/nova-compute"));
        foreach (var other in cluster.Nodes.Where(n => n != Added))
        {
            Assert.Empty(cluster.Calls(other));
        }
        Assert.Equal(before, await File.ReadAllTextAsync(op.ConfigPath));
        zone = await cluster.CheckZonesAsync(config);
        Assert.DoesNotContain(Added, zone, StringComparison.Ordinal);
        Assert.Equal(ComponentState.NotInstalled, InstallJournal.Load(Path.Combine(op.StateDir, "journal.json")).Get(ComputeInstaller.NodeComponentName(Added)).State);
    }
}
