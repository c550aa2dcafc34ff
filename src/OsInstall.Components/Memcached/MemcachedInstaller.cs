using OsInstall.Common.Alpine;
using OsInstall.Common.Config;
using OsInstall.Common.Containers;
using OsInstall.Common.Engine;
using OsInstall.Common.OpenStack;
using OsInstall.Common.Targets;
using OsInstall.Common.Templates;

namespace OsInstall.Components.Memcached;

/// <summary>
/// memcached in containers memcached-1..3, as the original's memcached-install.sh: Alpine's package
/// in memcached-1 (cloned to the others), then on every instance its settings in
/// /etc/conf.d/memcached and the OpenRC service. The instances are independent caches; services
/// list all three (ClusterEndpoints.MemcachedServers).
/// </summary>
public sealed class MemcachedInstaller : IComponent
{
    public const string Package = "memcached";
    public const string ConfPath = "/etc/conf.d/memcached";

    private static readonly OpenRcService Service = new("memcached");

    public string Name => "memcached";

    public int Order => 70;

    public string Description => "memcached instances in containers memcached-1..3";

    public IReadOnlyList<string> Hosts(ClusterConfig config) => config.Controllers.Select(c => c.Name).ToList();

    public IEnumerable<Phase> Install(ComponentContext ctx)
    {
        var platform = ContainerPlatforms.For(ctx);
        foreach (var phase in ContainerSet.Phases(ctx, platform, ClusterEndpoints.MemcachedSet, t => t.RunCheckedAsync(Apk.Add(Package))))
        {
            yield return phase;
        }
        yield return new Phase("memcached-instances", ContainerSet.Members(ctx.Config, ClusterEndpoints.MemcachedSet)
            .Select(m => new Step($"{m.Container}-instance@{m.Host}", m.Host, s => InstanceAsync(s, new ContainerTarget(s.Target, m.Container, platform.Lxc))))
            .ToList());
    }

    public IEnumerable<Phase> Uninstall(ComponentContext ctx) =>
        ContainerSet.UninstallPhases(ctx, ContainerPlatforms.For(ctx), ClusterEndpoints.MemcachedSet);

    /// <summary>A stats round trip with every instance, from inside its container.</summary>
    public async Task<HealthReport> VerifyAsync(ComponentContext ctx, CancellationToken ct)
    {
        var lxc = ContainerPlatforms.For(ctx).Lxc;
        var checks = new List<HealthCheck>();
        foreach (var m in ContainerSet.Members(ctx.Config, ClusterEndpoints.MemcachedSet))
        {
            var host = await ctx.TargetAsync(m.Host, ct).ConfigureAwait(false);
            checks.Add(await CheckAsync(new ContainerTarget(host, m.Container, lxc), "127.0.0.1", ClusterEndpoints.MemcachedPort, m.Host, ct).ConfigureAwait(false));
        }
        return HealthReport.From(checks);
    }

    /// <summary>One instance's check: a stats request through <paramref name="target"/>'s shell answers with the server's pid.</summary>
    public static async Task<HealthCheck> CheckAsync(ITarget target, string address, int port, string reportHost, CancellationToken ct)
    {
        var result = await target.RunAsync(MemcachedStats.Command(address, port), ct).ConfigureAwait(false);
        var pid = MemcachedStats.Pid(result.StdOut);
        var detail = pid is int p
            ? $"stats answered by pid {p}"
            : $"no stats answer from {address}:{port} (exit {result.ExitCode}) {result.StdErr.Trim()}".TrimEnd();
        return new HealthCheck(reportHost, $"memcached on {target.Name} answers stats", pid is not null, detail);
    }

    /// <summary>/etc/conf.d/memcached (sourced by the init script as shell).</summary>
    public static string RenderConf(TemplateRenderer templates, MemcachedSettings settings) =>
        templates.Render("Memcached/templates/memcached.confd.sbn",
            new Dictionary<string, object?>(StringComparer.Ordinal) { ["settings"] = settings });

    private static async Task InstanceAsync(StepContext step, ContainerTarget instance)
    {
        var conf = RenderConf(step.Component.Templates, MemcachedSettings.From(step.Config));
        var changed = await instance.WriteFileAsync(ConfPath, conf, FileSpec.Default, step.Cancellation).ConfigureAwait(false);
        await instance.RunCheckedAsync(Service.EnableAndRun(changed), step.Cancellation).ConfigureAwait(false);
    }
}
