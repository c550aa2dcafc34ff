using OsInstall.Common.Alpine;
using OsInstall.Common.Config;
using OsInstall.Common.Engine;
using OsInstall.Common.Shell;

namespace OsInstall.Components.Rsyslog;

/// <summary>
/// Centralized logging: controllers[0] is the primary collector, the other controllers are standby
/// collectors, and every host forwards its local messages down the chain controller-1, -2, -3,
/// local file. Replaces busybox syslog with rsyslog on every controller and compute node.
/// </summary>
public sealed class RsyslogInstaller : IComponent
{
    private const string LogrotatePackage = "logrotate";
    private const string PidFile = "/var/run/rsyslogd.pid";

    // Both in the boot runlevel, as Alpine has busybox syslog: logging starts before the services that log.
    private static readonly OpenRcService Rsyslog = new("rsyslog", OpenRcService.BootRunlevel);
    private static readonly OpenRcService BusyboxSyslog = new("syslog", OpenRcService.BootRunlevel);

    public string Name => "rsyslog";

    public int Order => 30;

    public string Description => "central logging: collectors on the controllers, a failover forwarding chain everywhere";

    public IReadOnlyList<string> Hosts(ClusterConfig config) => config.AllHosts.Select(h => h.Name).ToList();

    public IEnumerable<Phase> Install(ComponentContext ctx)
    {
        var hosts = Hosts(ctx.Config);
        yield return Phase.PerHost("packages", hosts, InstallPackagesAsync);
        yield return Phase.PerHost("configure", hosts, ConfigureAsync);
    }

    public IEnumerable<Phase> Uninstall(ComponentContext ctx)
    {
        var hosts = Hosts(ctx.Config);
        yield return Phase.PerHost("stop-rsyslog", hosts, StopRsyslogAsync);
        yield return Phase.PerHost("remove", hosts, RemoveAsync);
        yield return Phase.PerHost("restore-syslog", hosts, RestoreSyslogAsync);
    }

    public async Task<HealthReport> VerifyAsync(ComponentContext ctx, CancellationToken ct)
    {
        var checks = new List<HealthCheck>();
        foreach (var host in Hosts(ctx.Config))
        {
            var target = await ctx.TargetAsync(host, ct).ConfigureAwait(false);
            var syntax = await target.RunAsync(SyntaxCheck, ct).ConfigureAwait(false);
            checks.Add(new HealthCheck(host, "rsyslog.conf syntax", syntax.Succeeded, LastLine(syntax.StdErr + syntax.StdOut)));
            var status = await target.RunAsync(Rsyslog.Status, ct).ConfigureAwait(false);
            checks.Add(new HealthCheck(host, "rsyslog running", status.Succeeded, LastLine(status.StdOut + status.StdErr)));
        }
        return HealthReport.From(checks);
    }

    private static string SyntaxCheck => Sh.Join("rsyslogd", "-N1", "-f", RsyslogConfigs.ConfPath);

    private static Task InstallPackagesAsync(StepContext step) =>
        step.Run(Apk.Add([.. RsyslogConfigs.Packages(step.Config), LogrotatePackage]));

    private static async Task ConfigureAsync(StepContext step)
    {
        var host = step.Target.Name;
        var env = RsyslogEnvironment.Host;
        var templates = step.Component.Templates;
        if (!await step.Target.ExistsAsync(env.WorkDirectory, step.Cancellation).ConfigureAwait(false))
        {
            await step.Run(Sh.Join("mkdir", "-p", env.WorkDirectory)).ConfigureAwait(false);
        }
        var conf = RsyslogConfigs.Render(templates, RsyslogConfigs.ModelFor(step.Config, host, env));
        var changed = await step.Write(RsyslogConfigs.ConfPath, conf).ConfigureAwait(false);
        await step.Write(RsyslogConfigs.LogrotatePath, RsyslogConfigs.RenderLogrotate(templates, step.Config, env)).ConfigureAwait(false);

        // A config rsyslogd refuses must not replace the running one.
        await step.Run(SyntaxCheck).ConfigureAwait(false);

        // busybox syslogd holds /dev/log: it must neither run nor come back at boot.
        await step.Run(BusyboxSyslog.StopAndDisable).ConfigureAwait(false);

        // A config newer than the running daemon also means restart: an earlier run may have
        // written it and failed before restarting.
        var stale = changed || (await step.Target.RunAsync(Sh.Join("test", RsyslogConfigs.ConfPath, "-nt", PidFile), step.Cancellation)
            .ConfigureAwait(false)).Succeeded;
        await step.Run(Rsyslog.EnableAndRun(configChanged: stale)).ConfigureAwait(false);
    }

    private static Task StopRsyslogAsync(StepContext step) => step.Run(Rsyslog.StopAndDisable);

    // The collected logs under /var/log stay: they are the cluster's history, not our configuration.
    // logrotate stays too: other packages' files in /etc/logrotate.d rely on it.
    private static async Task RemoveAsync(StepContext step)
    {
        foreach (var path in new[] { RsyslogConfigs.ConfPath, RsyslogConfigs.LogrotatePath })
        {
            if (await step.Target.ExistsAsync(path, step.Cancellation).ConfigureAwait(false))
            {
                await step.Run(Sh.Join("rm", "-f", path)).ConfigureAwait(false);
            }
        }
        await step.Run(Apk.Del("rsyslog-relp", "rsyslog")).ConfigureAwait(false);
    }

    private static Task RestoreSyslogAsync(StepContext step) => step.Run(BusyboxSyslog.EnableAndRun(configChanged: false));

    private static string LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";
}
