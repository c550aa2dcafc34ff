using OsInstall.Common.Config;
using OsInstall.Common.Engine;
using OsInstall.Common.Targets;

namespace OsInstall.Common.Containers;

/// <summary>
/// The original's pattern as phases a component returns from Install/Uninstall: &lt;name&gt;-1 is
/// built on controller-1 from the base image and provisioned by the caller, snapshotted and
/// protected, and &lt;name&gt;-2.. are cloned from that snapshot on the other controllers in one
/// phase (in parallel, journaled like any step).
/// </summary>
public static class ContainerSet
{
    /// <summary>One haproxy server per member of the set: the container by its DNS name, on <paramref name="port"/>.</summary>
    public static IReadOnlyList<BackendServer> BackendServers(ClusterConfig config, string name, int port) =>
        Members(config, name).Select(m => new BackendServer(m.Container, config.Fqdn(m.Container), port)).ToList();

    public static IReadOnlyList<ContainerMember> Members(ClusterConfig config, string name) =>
        config.Controllers.Select((c, i) => new ContainerMember(name, i + 1, $"{name}-{i + 1}", c.Name)).ToList();

    /// <summary>
    /// Install phases. <paramref name="provision"/> runs inside &lt;name&gt;-1 before it is snapshotted
    /// (so every clone has what it installed); like every step it must be check-then-act.
    /// </summary>
    public static IEnumerable<Phase> Phases(ComponentContext ctx, ContainerPlatform platform, string name, Func<ContainerTarget, Task> provision)
    {
        var members = Members(ctx.Config, name);
        var first = members[0];
        yield return Phase.On($"{name}-base-image", first.Host, step => BaseImage.EnsureAsync(step, platform));
        yield return Phase.On(first.Container, first.Host, async step =>
        {
            var image = BaseImage.Name(step.Component, platform);
            var target = await ContainerBuilder.EnsureAsync(step, platform, first, image, image);
            await provision(target);
        });
        yield return Phase.On($"{first.Container}-snapshot", first.Host, step => SnapshotAsync(step, platform, first.Container));
        var clones = members.Skip(1)
            .Select(m => new Step($"{m.Container}@{m.Host}", m.Host,
                step => ContainerBuilder.EnsureAsync(step, platform, m, first.Container, first.Container)))
            .ToList();
        if (clones.Count > 0)
        {
            yield return new Phase($"{name}-clones", clones);
        }
    }

    /// <summary>Uninstall phases: the clones (in parallel), then &lt;name&gt;-1 with its snapshot. The base image stays.</summary>
    public static IEnumerable<Phase> UninstallPhases(ComponentContext ctx, ContainerPlatform platform, string name)
    {
        var members = Members(ctx.Config, name);
        var clones = members.Skip(1)
            .Select(m => new Step($"{m.Container}-remove@{m.Host}", m.Host, step => RemoveAsync(step, platform, m)))
            .ToList();
        if (clones.Count > 0)
        {
            yield return new Phase($"{name}-clones-remove", clones);
        }
        var first = members[0];
        yield return Phase.On($"{first.Container}-remove", first.Host, step => RemoveAsync(step, platform, first));
    }

    private static Task RemoveAsync(StepContext step, ContainerPlatform platform, ContainerMember member) =>
        ContainerRemover.RemoveAsync(step.Target, platform, new RbdCli(step.Config.Ceph), member.Container, step.Cancellation);

    /// <summary>Snapshot and protect &lt;name&gt;-1, stopped for the moment of the snapshot so its filesystem is consistent.</summary>
    private static async Task SnapshotAsync(StepContext step, ContainerPlatform platform, string container)
    {
        var host = step.Target;
        var ct = step.Cancellation;
        var rbd = new RbdCli(step.Config.Ceph);
        var lxc = platform.Lxc;
        var snap = (await rbd.SnapshotsAsync(host, container, ct)).FirstOrDefault(s => s.Name == container);
        if (snap is null)
        {
            var wasRunning = await lxc.IsRunningAsync(host, container, ct);
            await lxc.EnsureStoppedAsync(host, container, ct);
            await host.RunCheckedAsync(rbd.Command("snap", "create", RbdCli.Spec(container, container)), ct);
            if (wasRunning)
            {
                await lxc.EnsureRunningAsync(host, container, ct, wait: !step.Component.DryRun);
            }
        }
        if (snap is not { Protected: true })
        {
            await host.RunCheckedAsync(rbd.Command("snap", "protect", RbdCli.Spec(container, container)), ct);
        }
    }
}
