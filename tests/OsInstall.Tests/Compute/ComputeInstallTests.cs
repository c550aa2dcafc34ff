using OsInstall.Common.Journal;
using OsInstall.Components.OpenStack;
using OsInstall.Tests.Resilience;
using OsInstall.Tests.Simulation;
using OsInstall.Tests.TestSupport;
using static OsInstall.Tests.Compute.ComputeCluster;

namespace OsInstall.Tests.Compute;

/// <summary>
/// cluster install --only compute on 3 controllers and 8 compute nodes, through the real CLI over
/// SSH: the tarballs built once on controller-1 and fanned out, each node installed, a failing node
/// leaving the others installed, and the rerun doing only that node. The first run's operator is
/// hostile (issue 7): every secret and every config string the validator accepts hold shell payloads.
/// </summary>
[Collection(ComputeClusterCollection.Name)]
public sealed class ComputeInstallTests(ComputeCluster cluster)
{
    private static bool PackCall(SimulatedCall c, string container) =>
        c.Command == "lxc-attach" && c.Args.Contains(container) && c.ArgLine.Contains("mode=tar", StringComparison.Ordinal);

    [SimulationFact]
    public async Task Eight_nodes_install_from_tarballs_built_once_and_a_rerun_rebuilds_nothing()
    {
        // Hostile values: every secret, and every config string the validator accepts (Resilience/Hostile).
        var (secrets, _) = Hostile.Secrets("cs");
        using var files = new TempDir("osinstall-hostile-ssh");
        IReadOnlyDictionary<string, string> carried = new Dictionary<string, string>();
        using var op = cluster.Scenario(c => carried = Hostile.InjectCarried(c, "cc", files), secrets);
        var tags = Hostile.Tags("cs", secrets.Values.Count).Concat(Hostile.Tags("cc", carried.Count)).ToList();
        var config = cluster.CreateConfig();
        cluster.ClearFaults();
        var version = cluster.Seed(config);
        cluster.ClearCalls();

        var run = await op.RunAsync("cluster", "install", "--only", "compute", "--parallel", "8");

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("9 ok", run.Output, StringComparison.Ordinal); // 8 nodes and controller-1
        var c1 = cluster.Calls(C1);
        // Once per project on controller-1, from the first container of each set.
        foreach (var container in new[] { "nova-1", "neutron-1", "cinder-1" })
        {
            Assert.Single(c1, c => PackCall(c, container));
        }
        Assert.Equal(3, c1.Count(c => c.Command == "lxc-attach" && c.ArgLine.Contains("mode=tar", StringComparison.Ordinal)));
        Assert.Single(c1, c => c.Command == "lxc-attach" && c.Args.Contains("nova-1") && c.ArgLine.Contains("nova-manage cell_v2 discover_hosts", StringComparison.Ordinal));
        var key = op.Secrets.Get("ceph_cinder_key");
        foreach (var node in config.ComputeNodes)
        {
            // controller-1 copied the three tarballs to this node in one scp, and nothing else went there.
            var copy = Assert.Single(c1, c => c.Command == "scp" && c.ArgLine.Contains($"@{node.Address}:", StringComparison.Ordinal));
            Assert.Equal(["/var/lib/osinstall/compute/nova.tar.gz", "/var/lib/osinstall/compute/neutron.tar.gz", "/var/lib/osinstall/compute/cinder.tar.gz",
                $"root@{node.Address}:/var/lib/osinstall/compute/"], copy.Args.TakeLast(4));
            var calls = cluster.Calls(node.Name);
            Assert.Contains(calls, c => c.Command == "apk" && c.Args[0] == "add" && c.Args.Contains("libvirt-daemon") && c.Args.Contains("ceph-dev"));
            Assert.Contains(calls, c => c.Command == "make"); // ovs, ovn and qemu builds
            Assert.Contains(calls, c => c.Command == "virsh" && c.Args[0] == "secret-define");
            Assert.Contains(calls, c => c.Command == "virsh" && c.Args[0] == "secret-set-value" && c.Args.Contains("--file"));
            Assert.DoesNotContain(calls, c => c.ArgLine.Contains(key, StringComparison.Ordinal));
            Assert.DoesNotContain(c1, c => c.ArgLine.Contains(key, StringComparison.Ordinal));
            Assert.Contains(calls, c => c.Command == "ovs-vsctl" && c.ArgLine.Contains($"external_ids:system-id=\"{node.Name}.oppp.lab\"", StringComparison.Ordinal));
            Assert.Contains(calls, c => c.Command == "ovs-vsctl" && c.ArgLine.Contains($"external_ids:ovn-encap-ip=\"{node.Address}\"", StringComparison.Ordinal));
            foreach (var service in new[] { "nova-compute", "neutron-ovn-metadata-agent", "cinder-volume", "ovn-controller", "ovs-vswitchd", "libvirtd" })
            {
                Assert.True(cluster.FileExists(node.Name, $"/var/lib/osinstall-sim/services/{service}"), $"{service} runs on {node.Name}");
            }
            Assert.Contains($"version = '{version}'", cluster.ReadFile(node.Name, PackagedFile));
            Assert.Contains($"my_ip = {node.Address}", cluster.ReadFile(node.Name, "/etc/nova/nova.conf"));
            Assert.Contains("rbd_user = cinder", cluster.ReadFile(node.Name, "/etc/cinder/cinder.conf"));
            // (as oslo.config reads it: a '$' doubled, nothing else changed)
            Assert.Contains(OsInstall.Components.OpenStack.OsloValue.Escape(op.Secrets.Get("metadata_proxy_secret")), cluster.ReadFile(node.Name, "/etc/neutron/neutron_ovn_metadata_agent.ini"));
            Assert.Contains("nova ALL = (root) NOPASSWD: /opt/nova/bin/nova-rootwrap", cluster.ReadFile(node.Name, "/etc/sudoers.d/nova"));
            Assert.False(cluster.FileExists(node.Name, "/root/.osinstall-ceph-cinder.key"), "the key file is removed once the secret is set");
            Assert.NotNull(cluster.ReadFile(node.Name, "/etc/logrotate.d/nova-compute"));
            Assert.NotNull(cluster.ReadFile(node.Name, "/etc/route.conf"));
        }
        var zone = await cluster.CheckZonesAsync(config);
        Assert.All(config.ComputeNodes, n => Assert.Matches($@"(?m)^{n.Name}\s+(IN\s+)?A\s+{n.Address.Replace(".", @"\.", StringComparison.Ordinal)}", zone));
        // Nothing hidden in a hostile value ran; what reached a stand-in reached it whole; no secret in a log or on the console.
        Hostile.AssertNothingRan(cluster, tags);
        var texts = op.AllLogFiles().Select(File.ReadAllText).Append(run.Output).ToList();
        foreach (var (name, value) in op.Secrets.Values)
        {
            Assert.All(texts, t => Assert.False(t.Contains(value, StringComparison.Ordinal), $"secret {name} leaked"));
        }

        // Again (component install runs every step): nothing is rebuilt, copied or unpacked.
        cluster.ClearCalls();
        var again = await op.RunAsync("component", "install", "compute");
        Assert.True(again.ExitCode == 0, again.Output);
        c1 = cluster.Calls(C1);
        Assert.DoesNotContain(c1, c => c.Command == "lxc-attach" && c.ArgLine.Contains("mode=tar", StringComparison.Ordinal));
        Assert.DoesNotContain(c1, c => c.Command == "scp");
        Assert.All(cluster.Nodes, n => Assert.DoesNotContain(cluster.Calls(n), c => c.Command is "git" or "make"));

        // A container's package set changes: the tarballs are built again and every node fetches them.
        cluster.SetPackageVersion(version + "-2");
        cluster.ClearCalls();
        var changed = await op.RunAsync("component", "install", "compute");
        Assert.True(changed.ExitCode == 0, changed.Output);
        Assert.Equal(3, cluster.Calls(C1).Count(c => c.Command == "lxc-attach" && c.ArgLine.Contains("mode=tar", StringComparison.Ordinal)));
        Assert.All(cluster.Nodes, n => Assert.Contains($"version = '{version}-2'", cluster.ReadFile(n, PackagedFile)));
        Hostile.AssertNothingRan(cluster, tags);
    }

    [SimulationFact]
    public async Task A_failing_node_leaves_the_other_seven_installed_and_the_rerun_does_only_it()
    {
        const string Broken = "o3p-os-compute-3";
        using var op = cluster.Scenario();
        var config = cluster.CreateConfig();
        cluster.ClearFaults();
        cluster.Seed(config);
        cluster.ClearCalls();
        cluster.InjectFault(Broken, "virsh", "secret-define", 1);

        var run = await op.RunAsync("cluster", "install", "--only", "compute");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("1 host(s) failed, 7 finished", run.Output, StringComparison.Ordinal);
        Assert.Contains("8 ok, 1 failed", run.Output, StringComparison.Ordinal); // 7 nodes and controller-1
        Assert.Contains("compute: result per host", run.Output, StringComparison.Ordinal);
        Assert.Contains($"install@{Broken}", run.Output, StringComparison.Ordinal);
        foreach (var node in cluster.Nodes.Where(n => n != Broken))
        {
            Assert.Contains(cluster.Calls(node), c => c.Command == "rc-service" && c.ArgLine.Contains("nova-compute", StringComparison.Ordinal));
        }
        Assert.DoesNotContain(cluster.Calls(Broken), c => c.Command == "rc-service" && c.ArgLine.Contains("nova-compute", StringComparison.Ordinal));
        // Discovery needs every node: it waits for the rerun.
        Assert.DoesNotContain(cluster.Calls(C1), c => c.ArgLine.Contains("discover_hosts", StringComparison.Ordinal));
        var journal = InstallJournal.Load(Path.Combine(op.StateDir, "journal.json"));
        Assert.Equal(ComponentState.Failed, journal.Get("compute").State);

        cluster.ClearFaults();
        cluster.ClearCalls();
        var rerun = await op.RunAsync("cluster", "install", "--only", "compute");

        Assert.True(rerun.ExitCode == 0, rerun.Output);
        Assert.Contains(cluster.Calls(Broken), c => c.Command == "virsh" && c.Args[0] == "secret-define");
        Assert.Contains(cluster.Calls(Broken), c => c.Command == "rc-service" && c.Args.Contains("nova-compute") && (c.Args[^1] is "start" or "restart"));
        foreach (var node in cluster.Nodes.Where(n => n != Broken))
        {
            // Only the health check's status queries: none of the node's install steps ran again.
            Assert.All(cluster.Calls(node), c => Assert.True(c.Command == "rc-service" && c.Args[^1] == "status", $"{node}: {c}"));
        }
        var c1 = cluster.Calls(C1);
        Assert.DoesNotContain(c1, c => c.Command == "lxc-attach" && c.ArgLine.Contains("mode=tar", StringComparison.Ordinal));
        Assert.Single(c1, c => c.ArgLine.Contains("discover_hosts", StringComparison.Ordinal));
        Assert.Equal(ComponentState.Installed, InstallJournal.Load(Path.Combine(op.StateDir, "journal.json")).Get("compute").State);
    }
}
