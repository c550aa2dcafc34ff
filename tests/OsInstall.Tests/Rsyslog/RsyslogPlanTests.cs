using OsInstall.Components.Rsyslog;
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
        Assert.Equal("apk info -e rsyslog rsyslog-relp logrotate", commands[0]);
        int At(string command) => commands.ToList().IndexOf(command);
        Assert.True(At("rsyslogd -N1 -f /etc/rsyslog.conf") > 0);
        Assert.True(At("rsyslogd -N1 -f /etc/rsyslog.conf") < At("rc-service rsyslog restart"));
        Assert.True(At("rc-service --ifstarted syslog stop") < At("rc-service rsyslog restart"));
        Assert.Contains("rc-update add rsyslog boot", commands);
        Assert.Contains(plan, a => a.Kind == "test" && a.Detail == "/etc/runlevels/boot/syslog");
        Assert.Contains(plan, a => a.Kind == "write" && a.Path == RsyslogConfigs.LogrotatePath && a.Host == config.ComputeNodes[0].Name);
    }

    [Fact]
    public async Task Uninstall_stops_rsyslog_before_it_gives_dev_log_back_to_busybox_syslog()
    {
        var config = ShippedConfig.Load();
        var plan = await DryRunPlan.UninstallAsync(config);
        var commands = DryRunPlan.Commands(plan, config.Controllers[1].Name);
        int At(string command) => commands.ToList().IndexOf(command);
        Assert.Equal(0, At("rc-service --ifstarted rsyslog stop"));
        Assert.True(At("rm -f /etc/rsyslog.conf") < 0, "dry run: the file reads as absent, so nothing to remove");
        Assert.True(At("apk del rsyslog-relp rsyslog") > 0);
        Assert.True(At("apk del rsyslog-relp rsyslog") < At("rc-update add syslog boot"));
        Assert.Equal(commands.Count - 1, At("rc-service --ifnotstarted syslog start"));
        Assert.DoesNotContain(commands, c => c.Contains("logrotate", StringComparison.Ordinal) && c.StartsWith("apk del", StringComparison.Ordinal));
    }
}
