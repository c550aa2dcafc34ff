using OsInstall.Common.Config;
using OsInstall.Common.Dns;
using OsInstall.Common.Engine;
using OsInstall.Common.Targets;
using OsInstall.Components.Bind;
using OsInstall.Tests.Dns;
using OsInstall.Tests.Simulation;
using OsInstall.Tests.TestSupport;
using Xunit;

namespace OsInstall.Tests.Bind;

/// <summary>
/// Install, rerun, change and uninstall on the simulated controllers (real SSH, busybox sh, the
/// apk/OpenRC stand-ins' state): check-then-act happens on the host, and zones are kept.
/// </summary>
[Collection(SimulatedClusterCollection.Name)]
public sealed class BindRerunTests : IDisposable
{
    private const string ForwardZone = "/var/bind/pri/compute.zone";
    private const string OriginalResolvConf = "nameserver 192.0.2.53\n";

    private static readonly string[] Written = ["/etc/bind", "/var/bind", "/var/log/bind", "/etc/resolv.conf", "/etc/resolv.conf.osinstall-orig"];

    private readonly SimulatedCluster cluster;
    private readonly DirectoryInfo logs = Directory.CreateTempSubdirectory("osinstall-bind-logs-");
    private readonly ClusterConfig config;
    private readonly IReadOnlyList<string> controllers;

    public BindRerunTests(SimulatedCluster cluster)
    {
        this.cluster = cluster;
        config = cluster.Available ? cluster.CreateConfig() : new ClusterConfig();
        controllers = config.Controllers.Select(c => c.Name).ToList();
        if (cluster.Available)
        {
            foreach (var h in controllers)
            {
                cluster.RemovePaths(h, Written);
                File.WriteAllText(cluster.InRoot(h, "/etc/resolv.conf"), OriginalResolvConf);
                cluster.RemovePackages(h, "bind");
                cluster.SetService(h, "named", runlevel: null, running: false);
            }
        }
    }

    private string Primary => controllers[0];

    public void Dispose() => logs.Delete(recursive: true);

    private Task RunAsync(bool uninstall = false) =>
        cluster.RunComponentAsync(new BindInstaller(null, FixedClock.Nov25), config, BindTestCluster.Secrets(), logs.FullName, uninstall);

    private bool Installed(string host) => cluster.Installed(host, "bind");

    private bool Enabled(string host) => cluster.Enabled(host, "named");

    private bool Running(string host) => cluster.Running(host, "named");

    private Dictionary<string, DateTime> Snapshot(string host) => cluster.Snapshot(host, Written);

    [SimulationFact]
    public async Task First_install_sets_everything_up()
    {
        await RunAsync();
        foreach (var h in controllers)
        {
            Assert.True(Installed(h) && Enabled(h) && Running(h), h);
            Assert.Equal(OriginalResolvConf, cluster.ReadFile(h, "/etc/resolv.conf.osinstall-orig"));
            Assert.Contains($"nameserver {config.Controllers[2].Address}", cluster.ReadFile(h, "/etc/resolv.conf"), StringComparison.Ordinal);
            Assert.Equal((UnixFileMode)0b110_100_000, File.GetUnixFileMode(cluster.InRoot(h, "/etc/bind/rndc.key")));
            Assert.Equal(["add named default"], cluster.CallsOf(h, "rc-update").Select(c => c.ArgLine));
        }
        Assert.Equal(3, Directory.GetFiles(cluster.InRoot(Primary, "/var/bind/pri")).Length);
        Assert.False(cluster.FileExists(controllers[1], "/var/bind/pri"));
    }

    [SimulationFact]
    public async Task Rerun_changes_nothing_and_keeps_records_added_since()
    {
        await RunAsync();
        await using (var provider = cluster.CreateProvider(config: config))
        {
            await RecordsOn(await provider.GetAsync(Primary)).AddOrReplaceHostAsync("keystone-1", "10.0.0.10");
        }
        var zoneBefore = cluster.ReadFile(Primary, ForwardZone);
        var before = controllers.ToDictionary(h => h, h => Snapshot(h));

        await RunAsync();

        foreach (var h in controllers)
        {
            Assert.Equal(before[h], Snapshot(h));
            Assert.DoesNotContain(cluster.CallsOf(h, "apk"), c => c.Args[0] == "add");
            Assert.Empty(cluster.CallsOf(h, "rc-update"));
            Assert.DoesNotContain(cluster.CallsOf(h, "rc-service"), c => c.Args.Contains("restart") || c.Args.SequenceEqual(["named", "start"]));
            Assert.DoesNotContain(cluster.CallsOf(h, "rndc"), c => c.Args.Contains("reload"));
        }
        Assert.Contains("keystone-1", zoneBefore, StringComparison.Ordinal);
        Assert.Equal(zoneBefore, cluster.ReadFile(Primary, ForwardZone));
        Assert.Equal(OriginalResolvConf, cluster.ReadFile(Primary, "/etc/resolv.conf.osinstall-orig"));
    }

    [SimulationFact]
    public async Task New_forwarders_restart_named_but_leave_the_zones()
    {
        await RunAsync();
        var zones = Directory.GetFiles(cluster.InRoot(Primary, "/var/bind/pri")).ToDictionary(f => f, File.ReadAllText);
        var before = controllers.ToDictionary(h => h, h => Snapshot(h));
        config.Dns.Forwarders = ["192.0.2.1"];

        await RunAsync();

        foreach (var h in controllers)
        {
            Assert.Equal(["/etc/bind/named.conf"], SimulatedAlpineState.Changed(before[h], Snapshot(h)));
            Assert.Contains(cluster.CallsOf(h, "rc-service"), c => c.Args.SequenceEqual(["named", "restart"]));
            Assert.Empty(cluster.CallsOf(h, "rc-update"));
        }
        Assert.All(zones, z => Assert.Equal(z.Value, File.ReadAllText(z.Key)));
    }

    [SimulationFact]
    public async Task A_new_compute_node_is_added_through_the_record_api_and_reloaded()
    {
        await RunAsync();
        var before = Snapshot(Primary);
        config.ComputeNodes.Add(new HostEntry { Name = "o3p-os-compute-3", Address = "127.0.0.106" });

        await RunAsync();

        Assert.Equal(["/var/bind/pri/compute-reverse.zone", ForwardZone], SimulatedAlpineState.Changed(before, Snapshot(Primary)));
        var reloads = cluster.CallsOf(Primary, "rndc").Where(c => c.Args.Contains("reload")).Select(c => c.Args[^1]).ToList();
        Assert.Contains("oppp.lab", reloads);
        Assert.Contains("0.0.127.in-addr.arpa", reloads);
        Assert.DoesNotContain(cluster.CallsOf(Primary, "rc-service"), c => c.Args.Contains("restart"));
        var forward = ZoneFile.Parse(cluster.ReadFile(Primary, ForwardZone)!, "oppp.lab");
        Assert.Equal("127.0.0.106", forward.Find("o3p-os-compute-3", "A")[0].Data);
        Assert.Equal(2026112502, forward.Soa.Serial);
    }

    [SimulationFact]
    public async Task Uninstall_removes_bind_and_restores_resolv_conf_and_reruns_cleanly()
    {
        await RunAsync();
        await RunAsync(uninstall: true);
        foreach (var h in controllers)
        {
            Assert.False(Installed(h) || Enabled(h) || Running(h), h);
            Assert.Contains(cluster.CallsOf(h, "rc-update"), c => c.Args.SequenceEqual(["del", "named", "default"]));
            Assert.Contains(cluster.CallsOf(h, "apk"), c => c.Args.SequenceEqual(["del", "bind"]));
            Assert.False(cluster.FileExists(h, "/etc/bind") || cluster.FileExists(h, "/var/bind"), h);
            Assert.Equal(OriginalResolvConf, cluster.ReadFile(h, "/etc/resolv.conf"));
            Assert.False(cluster.FileExists(h, "/etc/resolv.conf.osinstall-orig"));
        }

        await RunAsync(uninstall: true);
        Assert.All(controllers, h =>
        {
            Assert.DoesNotContain(cluster.CallsOf(h, "apk"), c => c.Args[0] == "del");
            Assert.Empty(cluster.CallsOf(h, "rc-update"));
            Assert.Equal(OriginalResolvConf, cluster.ReadFile(h, "/etc/resolv.conf"));
        });
    }

    [SimulationFact]
    public async Task Health_check_names_the_controller_whose_named_is_down()
    {
        await RunAsync();
        await using var provider = cluster.CreateProvider(config: config);
        var runner = BindTestCluster.Runner(config, provider, new RunOptions { LogDir = logs.FullName });
        Assert.True((await runner.VerifyAsync(new BindInstaller(), CancellationToken.None)).Healthy);

        cluster.SetService(controllers[1], "named", "default", running: false);
        var report = await runner.VerifyAsync(new BindInstaller(), CancellationToken.None);
        var failed = Assert.Single(report.Checks, c => !c.Ok);
        Assert.Equal(controllers[1], failed.Host);
        Assert.Equal("named running", failed.Check);
    }

    private DnsRecordService RecordsOn(ITarget primary) =>
        DnsRecordService.ForConfig(primary, config, new DnsServiceOptions { Clock = FixedClock.Nov25, ZoneFileSpec = new FileSpec("0644", "root", "named") });
}
