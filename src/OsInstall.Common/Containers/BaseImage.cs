using OsInstall.Common.Engine;
using OsInstall.Common.Shell;
using OsInstall.Common.Targets;

namespace OsInstall.Common.Containers;

/// <summary>
/// The Alpine base image every container is cloned from: an RBD image named config.lxc.dist,
/// formatted ext4, populated with apk, then snapshotted (snapshot named like the image) and
/// protected. Built on first need; once its protected snapshot exists nothing is done.
/// </summary>
/// <remarks>
/// Populated with the controller's own apk (<c>apk --root --initdb</c>) from config.versions.alpine_mirror
/// rather than with lxc-create's download template: the download template fetches from
/// images.linuxcontainers.org (not the configured mirror) and needs a GPG keyserver, and a minirootfs
/// tarball name carries a patch version the config does not have. apk resolves the release's
/// current packages, checks their signatures with the controller's keys and installs the base
/// packages in the same pass, without starting a container that has no network yet.
/// </remarks>
public static class BaseImage
{
    public static string Name(ComponentContext ctx) => ctx.Config.Lxc.Dist;

    /// <summary>The base image of the platform's distribution: the Alpine one, or ubuntu-&lt;release&gt; (see <see cref="UbuntuBaseImage"/>).</summary>
    public static string Name(ComponentContext ctx, ContainerPlatform platform) =>
        platform.Distribution == ContainerDistribution.Ubuntu ? UbuntuBaseImage.Name(ctx.Config) : Name(ctx);

    public static async Task EnsureAsync(StepContext step, ContainerPlatform platform)
    {
        var ctx = step.Component;
        var host = step.Target;
        var ct = step.Cancellation;
        var rbd = new RbdCli(ctx.Config.Ceph);
        var ubuntu = platform.Distribution == ContainerDistribution.Ubuntu;
        var image = Name(ctx, platform);
        var snapshot = image;

        if (!await rbd.ExistsAsync(host, image, ct))
        {
            var size = ubuntu ? UbuntuBaseImage.Size(ctx.Config) : ctx.Config.Lxc.RootfsSize;
            await host.RunCheckedAsync(rbd.Command("create", image, "--size", size), ct);
        }
        var snaps = await rbd.SnapshotsAsync(host, image, ct);
        var snap = snaps.FirstOrDefault(s => s.Name == snapshot);
        if (snap is null)
        {
            if (ubuntu)
            {
                await UbuntuBaseImage.PopulateAsync(step, rbd, image);
            }
            else
            {
                await PopulateAsync(step, platform, rbd, image);
            }
            await host.RunCheckedAsync(rbd.Command("snap", "create", RbdCli.Spec(image, snapshot)), ct);
        }
        if (snap is not { Protected: true })
        {
            await host.RunCheckedAsync(rbd.Command("snap", "protect", RbdCli.Spec(image, snapshot)), ct);
        }
    }

    private static async Task PopulateAsync(StepContext step, ContainerPlatform platform, RbdCli rbd, string image)
    {
        var ctx = step.Component;
        var host = step.Target;
        var ct = step.Cancellation;
        var lxc = ctx.Config.Lxc;
        var mirror = ctx.Config.Versions.AlpineMirror.TrimEnd('/');
        var mnt = ContainerPaths.BaseMount;

        await MountAsync(host, rbd, image, ct);

        if (!await host.ExistsAsync(mnt + ContainerPaths.AlpineRelease, ct))
        {
            await host.RunCheckedAsync(Sh.Join([
                "apk", "--root", mnt, "--initdb", "--no-cache", "--arch", AlpineArch.FromLxc(lxc.Arch),
                "--keys-dir", ContainerPaths.HostApkKeys,
                "--repository", $"{mirror}/v{lxc.Release}/main", "--repository", $"{mirror}/v{lxc.Release}/community",
                "add", .. platform.BasePackages]), ct);
        }
        await host.WriteFileAsync(mnt + ContainerPaths.ApkRepositories, ctx.Render(ContainerTemplates.Repositories, new { Mirror = mirror }), ct);
        await host.WriteFileAsync(mnt + ContainerPaths.Interfaces, ctx.Render(ContainerTemplates.Interfaces), ct);
        // A headless container has no ttys: gettys on them would respawn for ever.
        var inittab = Sh.Quote(mnt + ContainerPaths.Inittab);
        await host.RunCheckedAsync($"if [ -f {inittab} ]; then sed -i 's/^tty/#tty/' {inittab}; fi", ct);
        foreach (var (service, runlevel) in platform.BaseServices)
        {
            var link = Sh.Quote($"{mnt}/etc/runlevels/{runlevel}/{service}");
            await host.RunCheckedAsync($"[ -e {link} ] || {Sh.Join("chroot", mnt, "rc-update", "add", service, runlevel)}", ct);
        }
        await UnmountAsync(host, rbd, image, ct);
    }

    /// <summary>Maps the image, gives it an ext4 filesystem if it has none, and mounts it at <see cref="ContainerPaths.BaseMount"/>.</summary>
    internal static async Task MountAsync(ITarget host, RbdCli rbd, string image, CancellationToken ct)
    {
        var mnt = ContainerPaths.BaseMount;
        var device = await rbd.EnsureMappedAsync(host, image, ct);
        await FormatIfBlankAsync(host, device, ct);
        await host.RunCheckedAsync($"{Sh.Join("mkdir", "-p", mnt)} && {{ mountpoint -q {Sh.Quote(mnt)} || {Sh.Join("mount", device, mnt)}; }}", ct);
    }

    internal static async Task UnmountAsync(ITarget host, RbdCli rbd, string image, CancellationToken ct)
    {
        var mnt = ContainerPaths.BaseMount;
        await host.RunCheckedAsync($"sync && {{ ! mountpoint -q {Sh.Quote(mnt)} || {Sh.Join("umount", mnt)}; }}", ct);
        await rbd.EnsureUnmappedAsync(host, image, ct);
    }

    private static async Task FormatIfBlankAsync(ITarget host, string device, CancellationToken ct)
    {
        // blkid exits 2 when it finds no filesystem; anything else unexpected stops here rather than format over data.
        var probe = await host.RunAsync(Sh.Join("blkid", "-o", "value", "-s", "TYPE", device), ct);
        var type = probe.StdOut.Trim();
        if (type.Length == 0 && probe.ExitCode is 0 or 2)
        {
            await host.RunCheckedAsync(Sh.Join("mkfs.ext4", "-q", device), ct);
        }
        else if (type != "ext4")
        {
            throw new InvalidOperationException($"{device} holds '{type}' (blkid exit {probe.ExitCode}), not ext4: not formatting it");
        }
    }
}
