using OsInstall.Common.Journal;
using OsInstall.Components.Postgres;
using OsInstall.Tests.Resilience;
using OsInstall.Tests.Simulation;
using OsInstall.Tests.TestSupport;
using Xunit.Abstractions;

namespace OsInstall.Tests.EndToEnd;

/// <summary>The simulated cluster of the whole-cluster run (3 controllers, 2 compute nodes), on its own: it ends with every container set built.</summary>
public sealed class FullCluster : SimulatedCluster
{
}

[CollectionDefinition(Name)]
public sealed class FullClusterCollection : ICollectionFixture<FullCluster>
{
    public const string Name = "full-cluster";
}

/// <summary>
/// The control plane as an operator installs it: one `cluster install` through horizon with the
/// real CLI over SSH, every component in order on the simulated cluster (stand-ins for apk,
/// OpenRC, LXC, Ceph, the openstack client); the rerun asks no host anything; `cluster uninstall`
/// takes it all back down in reverse order. The health checks that ask inside containers read
/// what a healthy cluster answers (each container's answer canned on its own; the answers' formats
/// are checked against the real servers in each component's folder).
/// The operator is hostile (issue 7): every secret and every config string the real validator
/// accepts holds a payload of shell metacharacters and hidden `touch /tmp/pwned-TAG` commands;
/// the run does what it should, nothing hidden runs, and each payload reaches a stand-in whole.
/// </summary>
[Collection(FullClusterCollection.Name)]
public sealed class FullClusterTests(FullCluster cluster, ITestOutputHelper output)
{
    private const string C1 = "o3p-os-controller-1";

    /// <summary>
    /// The config strings the real validator accepts a payload in (each tried alone), which this run
    /// therefore carries: the SSH files on this machine (read by the SSH library, never by a shell;
    /// with ssh.local_first_controller the key's path also reaches controller-1's commands, see
    /// Resilience/InjectionTests). Every other string is refused by the validator, naming its key
    /// (Resilience/ConfigFieldClassificationTests holds the two lists together).
    /// </summary>
    public static readonly string[] CarriedFields = ["Ssh.KeyFile", "Ssh.KnownHosts"];
    private static readonly string[] Controllers = [C1, "o3p-os-controller-2", "o3p-os-controller-3"];

    /// <summary>The control plane in install order (the compute nodes and the sample VM are tested in ../Compute and ../SampleVm).</summary>
    public static readonly string[] ControlPlane =
    [
        "prepare", "bind", "rsyslog", "ovn", "rabbitmq", "postgres", "memcached", "haproxy",
        "keystone", "glance", "placement", "nova", "neutron", "cinder", "horizon",
    ];

    [SimulationFact]
    public async Task Cluster_install_through_horizon_then_rerun_then_cluster_uninstall()
    {
        // Hostile values: every secret (but any the secrets reader refuses) and every config string the validator
        // accepts (CarriedFields, which Resilience/ConfigFieldClassificationTests holds to exactly that).
        var (secrets, plain) = Hostile.Secrets("fs");
        using var files = new TempDir("osinstall-hostile-ssh");
        IReadOnlyDictionary<string, string> carried = new Dictionary<string, string>();
        using var op = new CliScenario(cluster, c => carried = Hostile.InjectCarried(c, "fc", files), secrets);
        var tags = Hostile.Tags("fs", secrets.Values.Count).Concat(Hostile.Tags("fc", carried.Count)).ToList();
        output.WriteLine($"hostile: {secrets.Values.Count - plain.Count} of {secrets.Values.Count} secrets, config fields {string.Join(", ", carried.Keys)}");
        output.WriteLine("secrets kept plain, as the secrets reader refuses the payload: " + (plain.Count == 0 ? "none" : string.Join("; ", plain)));
        var config = cluster.CreateConfig();
        cluster.ClearFaults();
        cluster.ClearCalls();
        HealthyAnswers(config);
        var only = string.Join(',', ControlPlane);

        var install = await op.RunAsync("cluster", "install", "--only", only, "--verbose");
        Assert.True(install.ExitCode == 0, install.Output);
        var journal = InstallJournal.Load(Path.Combine(op.StateDir, "journal.json"));
        Assert.All(ControlPlane, c => Assert.Equal(ComponentState.Installed, journal.Get(c).State));
        Assert.Equal(ControlPlane, SummaryRows(install.Output));

        // Every container set was built on controller-1 and cloned to the others.
        var sets = new[] { "rabbitmq", "postgres", "memcached", "haproxy", "keystone", "glance", "placement", "nova", "neutron", "cinder", "horizon" };
        for (var i = 1; i <= 3; i++)
        {
            var host = Controllers[i - 1];
            Assert.All(sets, s => Assert.True(cluster.FileExists(host, $"/var/lib/lxc/{s}-{i}/config"), $"{s}-{i} on {host}"));
        }

        // No secret in any log, on the console (verbose: the console echoes the log) or in the whole cluster's dry-run listing.
        var dry = await op.RunAsync("cluster", "install", "--dry-run", "--verbose");
        Assert.True(dry.ExitCode == 0, dry.Output);
        var texts = op.AllLogFiles().Select(File.ReadAllText).Append(install.Output).Append(dry.Output).ToList();
        foreach (var (name, value) in op.Secrets.Values)
        {
            Assert.All(texts, t => Assert.False(t.Contains(value, StringComparison.Ordinal), $"secret {name} leaked"));
        }
        // Nothing hidden in a hostile value ran, and what reached a stand-in reached it whole.
        output.WriteLine($"install: {Hostile.AssertNothingRan(cluster, tags)} stand-in arguments carried a payload");

        // The rerun skips everything: no host is asked anything.
        cluster.ClearCalls();
        var rerun = await op.RunAsync("cluster", "install", "--only", only);
        Assert.True(rerun.ExitCode == 0, rerun.Output);
        Assert.All(cluster.HostNames, h => Assert.Empty(cluster.Calls(h)));

        var status = await op.RunAsync("status");
        Assert.True(status.ExitCode == 0, status.Output);
        Assert.DoesNotContain("FAILED", status.Output, StringComparison.Ordinal);

        // And back down, in reverse order.
        cluster.ClearCalls();
        var uninstall = await op.RunAsync("cluster", "uninstall", "--yes");
        Assert.True(uninstall.ExitCode == 0, uninstall.Output);
        journal = InstallJournal.Load(Path.Combine(op.StateDir, "journal.json"));
        Assert.All(ControlPlane, c => Assert.Equal(ComponentState.NotInstalled, journal.Get(c).State));
        // (compute and the sample VM, never installed here, are listed too: nothing to do for them)
        Assert.Equal(ControlPlane.Reverse(), SummaryRows(uninstall.Output).Where(ControlPlane.Contains));
        output.WriteLine($"uninstall: {Hostile.AssertNothingRan(cluster, tags)} stand-in arguments carried a payload");
        for (var i = 1; i <= 3; i++)
        {
            var host = Controllers[i - 1];
            Assert.All(sets, s =>
            {
                // Removed as the rbd rootfs needs: its directory, then its image (with the snapshot on member 1).
                Assert.False(cluster.FileExists(host, $"/var/lib/lxc/{s}-{i}/config"), $"{s}-{i} left on {host}");
                Assert.Contains(cluster.Calls(host), c => c.Command == "rbd" && c.Args.Contains("rm") && c.Args.Contains($"{s}-{i}"));
            });
        }
    }

    /// <summary>The components of the run's summary table, in the order they ran.</summary>
    private static List<string> SummaryRows(string output) =>
        output.Split('\n')
            .Select(l => l.Split('│', StringSplitOptions.TrimEntries))
            .Where(cells => cells.Length > 3 && cells[2] is "install" or "uninstall")
            .Select(cells => cells[1])
            .ToList();

    /// <summary>What a healthy cluster answers to the health checks that ask inside containers or over the ovn tools.</summary>
    private void HealthyAnswers(Common.Config.ClusterConfig config)
    {
        foreach (var host in cluster.HostNames)
        {
            cluster.ClearOutputs(host);
        }
        var raft = "Name: OVN_Northbound\nRole: follower\nServers:\n" +
            string.Join("", Controllers.Select((c, i) => $"    a{i}b{i} (a{i}b{i} at tcp:10.1.1.{i + 1}:6643) next_index=2 match_index=1\n")) + "\n";
        foreach (var c in Controllers)
        {
            cluster.SetOutput(c, "ovn-appctl", raft);
        }
        cluster.SetOutput(C1, "ovn-sbctl", string.Join("", Controllers.Select(c => $"{c}.oppp.lab,{c}.oppp.lab\n")));

        cluster.SetContainerOutput(C1, "rabbitmq-1",
            "{\"alarms\":[],\"cluster_name\":\"rabbit@rabbitmq-1.oppp.lab\",\"disk_nodes\":[\"rabbit@rabbitmq-1\",\"rabbit@rabbitmq-2\",\"rabbit@rabbitmq-3\"]," +
            "\"partitions\":{},\"ram_nodes\":[],\"running_nodes\":[\"rabbit@rabbitmq-1\",\"rabbit@rabbitmq-2\",\"rabbit@rabbitmq-3\"]}\n");
        var master = $"{PostgresCommands.MasterPrefix}{config.Fqdn("postgres-1")}:5432";
        // The master answers the engine's "who is master" too (service databases are created there).
        cluster.SetContainerOutput(C1, "postgres-1", $"standby_signal=no\nin_recovery=f\nsync_standbys=2\n{master}\n");
        for (var i = 1; i <= 3; i++)
        {
            cluster.SetContainerOutput(Controllers[i - 1], $"memcached-{i}", "STAT pid 4242\r\nSTAT uptime 10\r\nEND\r\n");
            if (i > 1)
            {
                cluster.SetContainerOutput(Controllers[i - 1], $"postgres-{i}", $"standby_signal=yes\nin_recovery=t\n{master}\n");
            }
        }
        cluster.SetContainerOutput(C1, "haproxy-1",
            $"2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1442\n    inet 10.0.0.11/24 scope global eth0\n    inet {config.Vips.Haproxy}/32 scope global eth0\n");

        // The API checks' answers the tiny keystone of the openstack stand-in does not keep.
        var canned = cluster.InRoot(C1, "/etc/osinstall-sim/openstack");
        Directory.CreateDirectory(canned);
        File.WriteAllText(Path.Combine(canned, "--os-placement-api-version-1.2-resource"), "VCPU\nMEMORY_MB\nDISK_GB\n");
        File.WriteAllText(Path.Combine(canned, "volume-service-list"), "cinder-scheduler\n");
        File.WriteAllText(Path.Combine(canned, "compute-service-list"), "nova-conductor\nnova-scheduler\n");
        File.WriteAllText(Path.Combine(canned, "network-agent-list"), "ovn-controller\novn-controller\novn-controller\n");
        File.WriteAllText(Path.Combine(canned, "extension-list---network"), "router\nsecurity-group\nport-security\nexternal-net\n");
        // The dashboard's login page through the VIP (curl -w '%{http_code}').
        cluster.SetOutput(C1, "curl", "200");
    }
}
