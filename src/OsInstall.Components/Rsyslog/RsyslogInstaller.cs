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
    private const string BootRunlevel = "/etc/runlevels/boot/";

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
            var status = await target.RunAsync(Sh.Join("rc-service", "rsyslog", "status"), ct).ConfigureAwait(false);
            checks.Add(new HealthCheck(host, "rsyslog running", status.Succeeded, LastLine(status.StdOut + status.StdErr)));
        }
        return HealthReport.From(checks);
    }

    private static string SyntaxCheck => Sh.Join("rsyslogd", "-N1", "-f", RsyslogConfigs.ConfPath);

    private static async Task InstallPackagesAsync(StepContext step)
    {
        string[] packages = [.. RsyslogConfigs.Packages(step.Config), LogrotatePackage];
        var present = await step.Target.RunAsync(Sh.Join(["apk", "info", "-e", .. packages]), step.Cancellation).ConfigureAwait(false);
        if (!present.Succeeded)
        {
            await step.Run(Sh.Join(["apk", "add", .. packages])).ConfigureAwait(false);
        }
    }

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
        if (await step.Target.ExistsAsync(BootRunlevel + "syslog", step.Cancellation).ConfigureAwait(false))
        {
            await step.Run(Sh.Join("rc-update", "del", "syslog", "boot")).ConfigureAwait(false);
        }
        if (!await step.Target.ExistsAsync(BootRunlevel + "rsyslog", step.Cancellation).ConfigureAwait(false))
        {
            await step.Run(Sh.Join("rc-update", "add", "rsyslog", "boot")).ConfigureAwait(false);
        }
        await step.Run(Sh.Join("rc-service", "--ifstarted", "syslog", "stop")).ConfigureAwait(false);

        // A config newer than the running daemon also means restart: an earlier run may have
        // written it and failed before restarting.
        var stale = changed || (await step.Target.RunAsync(Sh.Join("test", RsyslogConfigs.ConfPath, "-nt", PidFile), step.Cancellation)
            .ConfigureAwait(false)).Succeeded;
        await step.Run(stale
            ? Sh.Join("rc-service", "rsyslog", "restart")
            : Sh.Join("rc-service", "--ifnotstarted", "rsyslog", "start")).ConfigureAwait(false);
    }

    private static async Task StopRsyslogAsync(StepContext step)
    {
        await step.Run(Sh.Join("rc-service", "--ifstarted", "rsyslog", "stop")).ConfigureAwait(false);
        if (await step.Target.ExistsAsync(BootRunlevel + "rsyslog", step.Cancellation).ConfigureAwait(false))
        {
            await step.Run(Sh.Join("rc-update", "del", "rsyslog", "boot")).ConfigureAwait(false);
        }
    }

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
        var installed = new List<string>();
        foreach (var package in new[] { "rsyslog-relp", "rsyslog" })
        {
            if ((await step.Target.RunAsync(Sh.Join("apk", "info", "-e", package), step.Cancellation).ConfigureAwait(false)).Succeeded)
            {
                installed.Add(package);
            }
        }
        if (installed.Count > 0)
        {
            await step.Run(Sh.Join(["apk", "del", .. installed])).ConfigureAwait(false);
        }
    }

    private static async Task RestoreSyslogAsync(StepContext step)
    {
        if (!await step.Target.ExistsAsync(BootRunlevel + "syslog", step.Cancellation).ConfigureAwait(false))
        {
            await step.Run(Sh.Join("rc-update", "add", "syslog", "boot")).ConfigureAwait(false);
        }
        await step.Run(Sh.Join("rc-service", "--ifnotstarted", "syslog", "start")).ConfigureAwait(false);
    }

    private static string LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";
}
