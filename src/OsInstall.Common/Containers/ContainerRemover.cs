using OsInstall.Common.Shell;
using OsInstall.Common.Targets;

namespace OsInstall.Common.Containers;

/// <summary>
/// Removes one container as container-uninstall.sh does: stop, drop its LXC config, unmap, remove
/// its snapshots and image, then its OVN port and DNS records. A snapshot that still has clones
/// is neither unprotected nor removed: removal stops with the clones' names instead.
/// </summary>
public static class ContainerRemover
{
    public static async Task RemoveAsync(ITarget host, ContainerPlatform platform, RbdCli rbd, string container, CancellationToken ct)
    {
        var lxc = platform.Lxc;
        await lxc.EnsureStoppedAsync(host, container, ct);
        // Not lxc-destroy: for an rbd: rootfs it would remove the image itself, before its snapshots are dealt with.
        var dir = $"{lxc.Path}/{container}";
        if (await host.ExistsAsync(dir, ct))
        {
            await host.RunCheckedAsync(Sh.Join("rm", "-rf", dir), ct);
        }
        await rbd.EnsureUnmappedAsync(host, container, ct);
        await RemoveImageAsync(host, rbd, container, ct);
        await platform.Network.DetachAsync(container, ct);
    }

    public static async Task RemoveImageAsync(ITarget host, RbdCli rbd, string image, CancellationToken ct)
    {
        if (!await rbd.ExistsAsync(host, image, ct))
        {
            return;
        }
        foreach (var snap in await rbd.SnapshotsAsync(host, image, ct))
        {
            var children = await rbd.ChildrenAsync(host, image, snap.Name, ct);
            if (children.Count > 0)
            {
                throw new InvalidOperationException(
                    $"{rbd.Pool}/{image}@{snap.Name} still has clones ({string.Join(", ", children)}): remove or flatten them first");
            }
            if (snap.Protected)
            {
                await host.RunCheckedAsync(rbd.Command("snap", "unprotect", RbdCli.Spec(image, snap.Name)), ct);
            }
            await host.RunCheckedAsync(rbd.Command("snap", "rm", RbdCli.Spec(image, snap.Name)), ct);
        }
        await host.RunCheckedAsync(rbd.Command("rm", image), ct);
    }
}
