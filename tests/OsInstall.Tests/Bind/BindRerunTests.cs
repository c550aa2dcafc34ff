using OsInstall.Common.Config;
using OsInstall.Common.Dns;
using OsInstall.Common.Engine;
using OsInstall.Common.Targets;
using OsInstall.Components.Bind;
using OsInstall.Tests.Dns;
using Xunit;

namespace OsInstall.Tests.Bind;

/// <summary>Install, rerun, change and uninstall against stateful fake controllers: check-then-act and zones that are kept.</summary>
public sealed class BindRerunTests : IDisposable
{
    private const string Primary = "o3p-os-controller-1";
    private const string ForwardZone = "/var/bind/pri/compute.zone";

    private readonly DirectoryInfo logs = Directory.CreateTempSubdirectory("osinstall-bind-logs-");
    private readonly Dictionary<string, FakeAlpineHost> hosts;
    private ClusterConfig config = BindTestCluster.Config();

    public BindRerunTests()
    {
        hosts = config.Controllers.ToDictionary(c => c.Name, c => new FakeAlpineHost(c.Name));
        foreach (var h in hosts.Values)
        {
            h.Target.Files["/etc/resolv.conf"] = ("nameserver 192.0.2.53\n", FileSpec.Default);
        }
    }

    public void Dispose() => logs.Delete(recursive: true);

    private FakeAlpineHost Host(string name) => hosts[name];

    private MapTargetProvider Provider() => new(hosts.ToDictionary(h => h.Key, h => (ITarget)h.Value.Target));

    private async Task RunAsync(bool uninstall = false)
    {
        foreach (var h in hosts.Values)
        {
            h.Target.Commands.Clear();
            h.Target.Writes.Clear();
        }
        var runner = BindTestCluster.Runner(config, Provider(), new RunOptions { LogDir = logs.FullName, Force = true });
        var component = new BindInstaller(null, FixedClock.Nov25);
        if (uninstall)
        {
            await runner.UninstallAsync([component], CancellationToken.None);
        }
        else
        {
            await runner.InstallAsync([component], CancellationToken.None);
        }
    }

    private static DnsRecordService RecordsOn(FakeAlpineHost host, ClusterConfig config) =>
        DnsRecordService.ForConfig(host.Target, config, new DnsServiceOptions { Clock = FixedClock.Nov25, ZoneFileSpec = BindFilesSpec });

    private static readonly FileSpec BindFilesSpec = new("0644", "root", "named");

    [Fact]
    public async Task First_install_sets_everything_up()
    {
        await RunAsync();
        foreach (var h in hosts.Values)
        {
            Assert.True(h.Installed && h.Enabled && h.Running, h.Target.Name);
            Assert.Equal("nameserver 192.0.2.53\n", h.Target.Files["/etc/resolv.conf.osinstall-orig"].Content);
            Assert.Contains("nameserver 10.1.1.3", h.Target.Files["/etc/resolv.conf"].Content, StringComparison.Ordinal);
            Assert.Equal(new FileSpec("0640", "root", "named"), h.Target.Files["/etc/bind/rndc.key"].Spec);
        }
        Assert.Contains("rc-service named start", Host(Primary).Target.Commands);
        Assert.Equal(3, Host(Primary).Target.Files.Keys.Count(k => k.StartsWith("/var/bind/pri/", StringComparison.Ordinal)));
        Assert.DoesNotContain(Host("o3p-os-controller-2").Target.Files.Keys, k => k.StartsWith("/var/bind/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rerun_changes_nothing_and_keeps_records_added_since()
    {
        await RunAsync();
        await RecordsOn(Host(Primary), config).AddOrReplaceHostAsync("keystone-1", "10.0.0.10");
        var zoneBefore = Host(Primary).Target.Files[ForwardZone].Content;

        await RunAsync();

        foreach (var h in hosts.Values)
        {
            Assert.Empty(h.Target.Writes);
            Assert.DoesNotContain(h.Target.Commands, c =>
                c.StartsWith("apk add", StringComparison.Ordinal) || c.StartsWith("rc-update add", StringComparison.Ordinal)
                || c.Contains("start", StringComparison.Ordinal) || c.Contains("reload", StringComparison.Ordinal) || c.StartsWith("cp ", StringComparison.Ordinal));
        }
        Assert.Equal(zoneBefore, Host(Primary).Target.Files[ForwardZone].Content);
        Assert.Equal("nameserver 192.0.2.53\n", Host(Primary).Target.Files["/etc/resolv.conf.osinstall-orig"].Content);
    }

    [Fact]
    public async Task New_forwarders_restart_named_but_leave_the_zones()
    {
        await RunAsync();
        var zones = Host(Primary).Target.Files.Where(f => f.Key.EndsWith(".zone", StringComparison.Ordinal)).ToDictionary();
        config.Dns.Forwarders = ["192.0.2.1"];

        await RunAsync();

        foreach (var h in hosts.Values)
        {
            Assert.Equal(["/etc/bind/named.conf"], h.Target.Writes);
            Assert.Contains("rc-service named restart", h.Target.Commands);
        }
        Assert.All(zones, z => Assert.Equal(z.Value, Host(Primary).Target.Files[z.Key]));
    }

    [Fact]
    public async Task A_new_compute_node_is_added_through_the_record_api_and_reloaded()
    {
        await RunAsync();
        config.ComputeNodes.Add(new HostEntry { Name = "o3p-os-compute-3", Address = "10.1.1.6" });

        await RunAsync();

        var primary = Host(Primary).Target;
        Assert.Equal([ForwardZone, "/var/bind/pri/compute-reverse.zone"], primary.Writes);
        Assert.Contains("rndc -k /etc/bind/rndc.key -s 127.0.0.1 -p 953 reload oppp.lab", primary.Commands);
        Assert.Contains("rndc -k /etc/bind/rndc.key -s 127.0.0.1 -p 953 reload 1.1.10.in-addr.arpa", primary.Commands);
        Assert.DoesNotContain("rc-service named restart", primary.Commands);
        var forward = ZoneFile.Parse(primary.Files[ForwardZone].Content, "oppp.lab");
        Assert.Equal("10.1.1.6", forward.Find("o3p-os-compute-3", "A")[0].Data);
        Assert.Equal(2026112502, forward.Soa.Serial);
    }

    [Fact]
    public async Task Uninstall_removes_bind_and_restores_resolv_conf_and_reruns_cleanly()
    {
        await RunAsync();
        await RunAsync(uninstall: true);
        foreach (var h in hosts.Values)
        {
            Assert.False(h.Installed || h.Enabled || h.Running, h.Target.Name);
            Assert.Contains("rc-service named stop", h.Target.Commands);
            Assert.Contains("rc-update del named default", h.Target.Commands);
            Assert.Contains("apk del bind", h.Target.Commands);
            Assert.Contains("rm -rf /etc/bind /var/bind /var/log/bind", h.Target.Commands);
            Assert.DoesNotContain(h.Target.Files.Keys, k => k.StartsWith("/etc/bind/", StringComparison.Ordinal) || k.StartsWith("/var/bind/", StringComparison.Ordinal));
            Assert.Equal("nameserver 192.0.2.53\n", h.Target.Files["/etc/resolv.conf"].Content);
            Assert.False(h.Target.Files.ContainsKey("/etc/resolv.conf.osinstall-orig"));
        }

        await RunAsync(uninstall: true);
        Assert.All(hosts.Values, h => Assert.DoesNotContain(h.Target.Commands, c => c is "rc-service named stop" or "apk del bind" or "rc-update del named default"));
    }

    [Fact]
    public async Task Health_check_names_the_controller_whose_named_is_down()
    {
        await RunAsync();
        var runner = BindTestCluster.Runner(config, Provider(), new RunOptions { LogDir = logs.FullName });
        Assert.True((await runner.VerifyAsync(new BindInstaller(), CancellationToken.None)).Healthy);

        Host("o3p-os-controller-2").Running = false;
        var report = await runner.VerifyAsync(new BindInstaller(), CancellationToken.None);
        var failed = Assert.Single(report.Checks, c => !c.Ok);
        Assert.Equal("o3p-os-controller-2", failed.Host);
        Assert.Equal("named running", failed.Check);
    }
}
