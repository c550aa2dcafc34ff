using OsInstall.Common.Engine;
using OsInstall.Common.Journal;
using OsInstall.Common.Secrets;
using OsInstall.Components;
using OsInstall.Components.Rsyslog;
using Xunit;

namespace OsInstall.Tests.Rsyslog;

/// <summary>Install and uninstall against hosts that keep state: a second run changes nothing.</summary>
public sealed class RsyslogIdempotenceTests : IDisposable
{
    private readonly DirectoryInfo logDir = Directory.CreateTempSubdirectory("osinstall-rsyslog-idem-");

    [Fact]
    public async Task Install_replaces_busybox_syslog_and_a_second_install_changes_nothing()
    {
        var config = ShippedConfig.Load();
        await using var hosts = new FakeAlpineHosts(config.AllHosts.Select(h => h.Name));
        var runner = Runner(config, hosts);

        await runner.InstallAsync([new RsyslogInstaller()], CancellationToken.None);
        foreach (var h in hosts.Hosts.Values)
        {
            Assert.Superset(new HashSet<string> { "rsyslog", "rsyslog-relp", "logrotate" }, h.Packages);
            Assert.Equal(["rsyslog"], h.Boot);
            Assert.Equal(["rsyslog"], h.Started.Keys);
            Assert.Contains(RsyslogConfigs.ConfPath, h.Files.Keys);
            Assert.Contains(RsyslogConfigs.LogrotatePath, h.Files.Keys);
        }

        hosts.ClearHistory();
        await runner.InstallAsync([new RsyslogInstaller()], CancellationToken.None);
        foreach (var h in hosts.Hosts.Values)
        {
            Assert.Empty(h.ChangedFiles);
            Assert.DoesNotContain(h.Commands, c => c.StartsWith("apk add", StringComparison.Ordinal)
                || c.StartsWith("rc-update", StringComparison.Ordinal) || c.StartsWith("mkdir", StringComparison.Ordinal)
                || c == "rc-service rsyslog restart");
        }
    }

    [Fact]
    public async Task A_config_written_by_a_run_that_failed_before_the_restart_is_still_applied()
    {
        var config = ShippedConfig.Load();
        await using var hosts = new FakeAlpineHosts(config.AllHosts.Select(h => h.Name));
        var runner = Runner(config, hosts);
        await runner.InstallAsync([new RsyslogInstaller()], CancellationToken.None);
        var host = hosts.Hosts[config.ComputeNodes[0].Name];
        var (content, _) = host.Files[RsyslogConfigs.ConfPath];
        host.Files[RsyslogConfigs.ConfPath] = (content, long.MaxValue); // written after the daemon started

        hosts.ClearHistory();
        await runner.InstallAsync([new RsyslogInstaller()], CancellationToken.None);
        Assert.Contains("rc-service rsyslog restart", host.Commands);
    }

    [Fact]
    public async Task Uninstall_restores_busybox_syslog_keeps_the_logs_and_a_second_uninstall_changes_nothing()
    {
        var config = ShippedConfig.Load();
        await using var hosts = new FakeAlpineHosts(config.AllHosts.Select(h => h.Name));
        var runner = Runner(config, hosts);
        await runner.InstallAsync([new RsyslogInstaller()], CancellationToken.None);

        await runner.UninstallAsync([new RsyslogInstaller()], CancellationToken.None);
        foreach (var h in hosts.Hosts.Values)
        {
            Assert.Equal(["logrotate"], h.Packages);
            Assert.Equal(["syslog"], h.Boot);
            Assert.Equal(["syslog"], h.Started.Keys);
            Assert.DoesNotContain(RsyslogConfigs.ConfPath, h.Files.Keys);
            Assert.DoesNotContain(RsyslogConfigs.LogrotatePath, h.Files.Keys);
        }

        hosts.ClearHistory();
        await runner.UninstallAsync([new RsyslogInstaller()], CancellationToken.None);
        foreach (var h in hosts.Hosts.Values)
        {
            Assert.DoesNotContain(h.Commands, c => c.StartsWith("apk del", StringComparison.Ordinal)
                || c.StartsWith("rc-update", StringComparison.Ordinal) || c.StartsWith("rm ", StringComparison.Ordinal));
        }
    }

    public void Dispose() => logDir.Delete(recursive: true);

    private ComponentRunner Runner(OsInstall.Common.Config.ClusterConfig config, FakeAlpineHosts hosts) =>
        new(config, new SecretStore(), ComponentCatalog.Templates, hosts, InstallJournal.InMemory(),
            new RunOptions { LogDir = logDir.FullName, Force = true });
}
