using OsInstall.Common.Shell;
using OsInstall.Common.Targets;

namespace OsInstall.Common.Containers;

/// <summary>Grows a container's RBD image and its ext4 filesystem; never shrinks (that would cut the filesystem).</summary>
public static class ContainerDisk
{
    /// <summary>
    /// Grows the image to <paramref name="bytes"/> and the filesystem with it: online while the
    /// container runs (ext4 grows mounted), else mapped here, checked and grown, and unmapped again
    /// (the pre-start hook maps it when the container starts). False when it was already that big.
    /// </summary>
    public static async Task<bool> GrowAsync(ITarget host, RbdCli rbd, LxcCli lxc, string container, long bytes, CancellationToken ct)
    {
        var info = await rbd.InfoAsync(host, container, ct)
            ?? throw new InvalidOperationException($"there is no RBD image {rbd.Pool}/{container}");
        if (info.SizeBytes >= bytes)
        {
            return false;
        }
        await host.RunCheckedAsync(rbd.Command("resize", container, "--size", RbdSize.Argument(bytes)), ct);
        if (await lxc.IsRunningAsync(host, container, ct))
        {
            await host.RunCheckedAsync(Sh.Join("resize2fs", rbd.DevicePath(container)), ct);
            return true;
        }
        var device = await rbd.EnsureMappedAsync(host, container, ct);
        // e2fsck -p exits 1 when it corrected something: the filesystem is fine to grow then.
        await host.RunCheckedAsync($"{Sh.Join("e2fsck", "-p", "-f", device)} || [ $? -eq 1 ]", ct);
        await host.RunCheckedAsync(Sh.Join("resize2fs", device), ct);
        await rbd.EnsureUnmappedAsync(host, container, ct);
        return true;
    }

    /// <summary>Detaches a clone from its parent snapshot (copies the shared blocks); false when it has no parent.</summary>
    public static async Task<bool> FlattenAsync(ITarget host, RbdCli rbd, string container, CancellationToken ct)
    {
        var info = await rbd.InfoAsync(host, container, ct)
            ?? throw new InvalidOperationException($"there is no RBD image {rbd.Pool}/{container}");
        if (info.Parent is null)
        {
            return false;
        }
        await host.RunCheckedAsync(rbd.Command("flatten", container), ct);
        return true;
    }
}
