using OsInstall.Common.Engine;
using OsInstall.Common.Targets;

namespace OsInstall.Common.Containers;

/// <summary>
/// Makes one container exist and run on the step's host: an RBD clone of a protected snapshot,
/// its OVN port, its LXC config, started, and its identity files (hostname, hosts, resolv.conf,
/// rsyslog forwarding). Every part is checked first, so a rerun changes nothing.
/// </summary>
public static class ContainerBuilder
{
    public static async Task<ContainerTarget> EnsureAsync(StepContext step, ContainerPlatform platform, ContainerMember member,
        string parentImage, string parentSnapshot)
    {
        var ctx = step.Component;
        var host = step.Target;
        var ct = step.Cancellation;
        var rbd = new RbdCli(ctx.Config.Ceph);
        var lxc = platform.Lxc;
        var name = member.Container;

        if (!await rbd.ExistsAsync(host, name, ct))
        {
            await host.RunCheckedAsync(rbd.Command("clone", RbdCli.Spec(parentImage, parentSnapshot), name), ct);
        }
        var size = ctx.Config.Lxc.RootfsSizes.TryGetValue(member.SetName, out var s) ? s : ctx.Config.Lxc.RootfsSize;
        if (!ctx.DryRun)
        {
            // In a dry run the clone was only planned: there is no image to measure.
            await ContainerDisk.GrowAsync(host, rbd, lxc, name, RbdSize.ToBytes(size), ct);
        }

        var address = await platform.Network.AttachAsync(name, member.Host, ct);
        var config = new LxcConfigModel
        {
            Name = name,
            RootfsPath = LxcConfigModel.RbdRootfs(rbd, name),
            Network = new LxcNetworkModel(address.Mac, LxcNetworkModel.OverlayMtu, LxcNetworkModel.OvsHook),
            HaltSignal = platform.HaltSignal,
        }.Render(ctx.Templates);
        var configChanged = await host.WriteFileAsync(lxc.ConfigPath(name), config, ct);
        if (configChanged)
        {
            // A new config (a new MAC after the port was recreated) only applies on the next start.
            await lxc.EnsureStoppedAsync(host, name, ct);
        }
        await lxc.EnsureRunningAsync(host, name, ct, wait: !ctx.DryRun);

        var target = new ContainerTarget(host, name, lxc);
        var fqdn = ctx.Config.Fqdn(name);
        var changed = false;
        changed |= await target.WriteFileAsync(ContainerPaths.Hostname, fqdn + "\n", ct);
        changed |= await target.WriteFileAsync(ContainerPaths.Hosts,
            ctx.Render(ContainerTemplates.Hosts, new { HostName = name, HostAddress = address.Ip, HostFqdn = fqdn }), ct);
        changed |= await target.WriteFileAsync(ContainerPaths.ResolvConf, ctx.Render(ContainerTemplates.ResolvConf, new
        {
            Domain = ctx.Config.Cluster.Domain,
            Nameservers = ctx.Config.Controllers.Select(c => c.Address).ToList(),
        }), ct);
        changed |= await target.WriteFileAsync(ContainerPaths.RsyslogConf, platform.RsyslogForwarder(ctx, name), ct);
        if (changed)
        {
            // Hostname and syslog forwarding are read at boot: restart once so they apply.
            await host.RunCheckedAsync(lxc.Command("lxc-stop", name, "-t", "60"), ct);
            await lxc.EnsureRunningAsync(host, name, ct, wait: !ctx.DryRun);
        }
        return target;
    }
}
