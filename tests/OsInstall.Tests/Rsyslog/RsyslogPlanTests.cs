using OsInstall.Components.Rsyslog;
using OsInstall.Tests.TestSupport;
using Xunit;

namespace OsInstall.Tests.Rsyslog;

/// <summary>What install and uninstall ask of each host, as a dry run records it.</summary>
public sealed class RsyslogPlanTests
{
    [Fact]
    public async Task Install_touches_every_controller_and_compute_node_and_checks_before_it_restarts()
    {
        var config = ShippedConfig.Load();
        var plan = await DryRunPlan.InstallAsync(config);
        Assert.Equal(config.AllHosts.Select(h => h.Name).Order(), plan.Select(a => a.Host).Distinct().Order());
        var commands = DryRunPlan.Commands(plan, config.ComputeNodes[0].Name);
        Assert.Equal(ExpectedAlpineCommands.ApkAdd("rsyslog rsyslog-relp logrotate"), commands[0]);
        int At(string command) => commands.ToList().IndexOf(command);
        var restart = ExpectedAlpineCommands.EnableAndRestart("rsyslog", "boot");
        Assert.True(At("rsyslogd -N1 -f /etc/rsyslog.conf") > 0);
        Assert.True(At("rsyslogd -N1 -f /etc/rsyslog.conf") < At(restart));
        Assert.InRange(At(ExpectedAlpineCommands.StopAndDisable("syslog", "boot")), 0, At(restart) - 1);
        // The runlevel links are checked on the host, inside those commands: no round trip of their own.
        Assert.DoesNotContain(plan, a => a.Kind == "test" && a.Detail.StartsWith("/etc/runlevels/", StringComparison.Ordinal));
        Assert.Contains(plan, a => a.Kind == "write" && a.Path == RsyslogConfigs.LogrotatePath && a.Host == config.ComputeNodes[0].Name);
    }

    [Fact]
    public async Task Uninstall_stops_rsyslog_before_it_gives_dev_log_back_to_busybox_syslog()
    {
        var config = ShippedConfig.Load();
        var plan = await DryRunPlan.UninstallAsync(config);
        var commands = DryRunPlan.Commands(plan, config.Controllers[1].Name);
        int At(string command) => commands.ToList().IndexOf(command);
        var del = ExpectedAlpineCommands.ApkDel("rsyslog-relp rsyslog");
        Assert.Equal(0, At(ExpectedAlpineCommands.StopAndDisable("rsyslog", "boot")));
        Assert.True(At("rm -f /etc/rsyslog.conf") < 0, "dry run: the file reads as absent, so nothing to remove");
        Assert.True(At(del) > 0);
        Assert.Equal(commands.Count - 1, At(ExpectedAlpineCommands.EnableAndStart("syslog", "boot")));
        Assert.DoesNotContain(commands, c => c.Contains("logrotate", StringComparison.Ordinal) && c.StartsWith("apk del", StringComparison.Ordinal));
    }
}
