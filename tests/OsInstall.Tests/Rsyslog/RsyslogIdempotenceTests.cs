using OsInstall.Common.Config;
using OsInstall.Common.Secrets;
using OsInstall.Components.Rsyslog;
using OsInstall.Tests.Simulation;
using OsInstall.Tests.TestSupport;
using Xunit;

namespace OsInstall.Tests.Rsyslog;

/// <summary>
/// Install and uninstall on the simulated hosts (real SSH, busybox sh, the apk/OpenRC stand-ins'
/// state), each starting as a fresh Alpine with busybox syslog: a second run changes nothing.
/// </summary>
[Collection(SimulatedClusterCollection.Name)]
public sealed class RsyslogIdempotenceTests : IDisposable
{
    private const string PidFile = "/var/run/rsyslogd.pid";
    private static readonly string[] Written = [RsyslogConfigs.ConfPath, RsyslogConfigs.LogrotatePath];

    private readonly SimulatedCluster cluster;
    private readonly DirectoryInfo logDir = Directory.CreateTempSubdirectory("osinstall-rsyslog-idem-");
    private readonly ClusterConfig config;

    public RsyslogIdempotenceTests(SimulatedCluster cluster)
    {
        this.cluster = cluster;
        config = cluster.Available ? cluster.CreateConfig() : new ClusterConfig();
        foreach (var h in Hosts)
        {
            cluster.RemovePaths(h, [.. Written, PidFile]);
            cluster.RemovePackages(h, "rsyslog", "rsyslog-relp", "logrotate");
            cluster.SetService(h, "rsyslog", runlevel: null, running: false);
            cluster.SetService(h, "syslog", "boot", running: true);
        }
    }

    private IEnumerable<string> Hosts => cluster.Available ? cluster.HostNames : [];

    public void Dispose() => logDir.Delete(recursive: true);

    [SimulationFact]
    public async Task Install_replaces_busybox_syslog_and_a_second_install_changes_nothing()
    {
        await InstallAsync();
        foreach (var h in Hosts)
        {
            Assert.All([.. RsyslogConfigs.Packages(config), "logrotate"], p => Assert.True(cluster.Installed(h, p), $"{p} on {h}"));
            Assert.True(cluster.Enabled(h, "rsyslog", "boot") && cluster.Running(h, "rsyslog"), h);
            Assert.False(cluster.Enabled(h, "syslog", "boot") || cluster.Running(h, "syslog"), h);
            Assert.True(cluster.FileExists(h, RsyslogConfigs.ConfPath) && cluster.FileExists(h, RsyslogConfigs.LogrotatePath), h);
        }
        DaemonsWrotePidFiles();
        var before = Hosts.ToDictionary(h => h, h => cluster.Snapshot(h, Written));
        var started = Hosts.ToDictionary(h => h, h => File.GetLastWriteTimeUtc(cluster.StartedFile(h, "rsyslog")));

        await InstallAsync();
        foreach (var h in Hosts)
        {
            Assert.Empty(SimulatedAlpineState.Changed(before[h], cluster.Snapshot(h, Written)));
            Assert.DoesNotContain(cluster.CallsOf(h, "apk"), c => c.Args[0] == "add");
            Assert.Empty(cluster.CallsOf(h, "rc-update"));
            Assert.DoesNotContain(cluster.CallsOf(h, "rc-service"), c => c.Args.SequenceEqual(["rsyslog", "restart"]));
            Assert.Equal(started[h], File.GetLastWriteTimeUtc(cluster.StartedFile(h, "rsyslog")));
        }
    }

    [SimulationFact]
    public async Task A_config_written_by_a_run_that_failed_before_the_restart_is_still_applied()
    {
        await InstallAsync();
        DaemonsWrotePidFiles();
        var host = config.ComputeNodes[0].Name;
        // Written after the daemon started, by a run that stopped before it restarted rsyslog.
        File.SetLastWriteTimeUtc(cluster.InRoot(host, RsyslogConfigs.ConfPath), DateTime.UtcNow.AddMinutes(5));

        await InstallAsync();
        Assert.Contains(cluster.CallsOf(host, "rc-service"), c => c.Args.SequenceEqual(["rsyslog", "restart"]));
        Assert.DoesNotContain(cluster.CallsOf(config.ComputeNodes[1].Name, "rc-service"), c => c.Args.SequenceEqual(["rsyslog", "restart"]));
    }

    [SimulationFact]
    public async Task Uninstall_restores_busybox_syslog_keeps_the_logs_and_a_second_uninstall_changes_nothing()
    {
        await InstallAsync();

        await UninstallAsync();
        foreach (var h in Hosts)
        {
            Assert.False(cluster.Installed(h, "rsyslog") || cluster.Installed(h, "rsyslog-relp"), h);
            Assert.True(cluster.Installed(h, "logrotate"), h);
            Assert.False(cluster.Enabled(h, "rsyslog", "boot") || cluster.Running(h, "rsyslog"), h);
            Assert.True(cluster.Enabled(h, "syslog", "boot") && cluster.Running(h, "syslog"), h);
            Assert.Empty(cluster.Snapshot(h, Written));
        }

        await UninstallAsync();
        foreach (var h in Hosts)
        {
            Assert.DoesNotContain(cluster.CallsOf(h, "apk"), c => c.Args[0] == "del");
            Assert.Empty(cluster.CallsOf(h, "rc-update"));
            Assert.True(cluster.Enabled(h, "syslog", "boot") && cluster.Running(h, "syslog"), h);
        }
    }

    /// <summary>What a real rsyslogd does when it starts (the stand-in does not): the rerun compares the config with it.</summary>
    private void DaemonsWrotePidFiles()
    {
        foreach (var h in Hosts)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(cluster.InRoot(h, PidFile))!);
            File.WriteAllText(cluster.InRoot(h, PidFile), "1\n");
        }
    }

    private Task InstallAsync() => cluster.RunComponentAsync(new RsyslogInstaller(), config, new SecretStore(), logDir.FullName);

    private Task UninstallAsync() => cluster.RunComponentAsync(new RsyslogInstaller(), config, new SecretStore(), logDir.FullName, uninstall: true);
}
