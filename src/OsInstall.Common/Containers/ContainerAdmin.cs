using OsInstall.Common.Config;
using OsInstall.Common.Shell;
using OsInstall.Common.Targets;

namespace OsInstall.Common.Containers;

/// <summary>What `osinstall container list|resize|flatten` do, on the controllers of the config.</summary>
public sealed class ContainerAdmin(ClusterConfig config, Func<string, CancellationToken, Task<ITarget>> targetFor, string? lxcPath = null)
{
    private readonly RbdCli rbd = new(config.Ceph);
    private readonly LxcCli lxc = new(lxcPath);

    /// <summary>Every container with an LXC config on every controller: state, image size and parent snapshot.</summary>
    public async Task<IReadOnlyList<ContainerListing>> ListAsync(CancellationToken ct)
    {
        var list = new List<ContainerListing>();
        foreach (var controller in config.Controllers)
        {
            var host = await targetFor(controller.Name, ct).ConfigureAwait(false);
            var found = await host.RunAsync($"[ ! -d {Sh.Quote(lxc.Path)} ] || {Sh.Join("find", lxc.Path, "-mindepth", "2", "-maxdepth", "2", "-name", "config")}", ct).ConfigureAwait(false);
            var names = found.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(p => p.Split('/')[^2])
                .Order(StringComparer.Ordinal);
            foreach (var name in names)
            {
                var state = await lxc.StateAsync(host, name, ct).ConfigureAwait(false) ?? "UNKNOWN";
                var info = await rbd.InfoAsync(host, name, ct).ConfigureAwait(false);
                list.Add(new ContainerListing(controller.Name, name, state, info?.SizeBytes, info?.Parent?.ToString()));
            }
        }
        return list;
    }

    /// <summary>Grows the container's disk and filesystem on the controller it lives on; false when it was already that big.</summary>
    public async Task<bool> ResizeAsync(string container, string size, CancellationToken ct)
    {
        var bytes = RbdSize.ToBytes(size);
        var host = await LocateAsync(container, ct).ConfigureAwait(false);
        var info = await rbd.InfoAsync(host, container, ct).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"{container} has no RBD image in pool {rbd.Pool}");
        if (info.SizeBytes > bytes)
        {
            throw new ArgumentException($"{container} is {info.SizeBytes / (1024 * 1024)}M: shrinking would cut its filesystem; give a larger size", nameof(size));
        }
        return await ContainerDisk.GrowAsync(host, rbd, lxc, container, bytes, ct).ConfigureAwait(false);
    }

    /// <summary>Detaches the container's image from its parent snapshot; false when it had none.</summary>
    public async Task<bool> FlattenAsync(string container, CancellationToken ct)
    {
        var host = await LocateAsync(container, ct).ConfigureAwait(false);
        return await ContainerDisk.FlattenAsync(host, rbd, container, ct).ConfigureAwait(false);
    }

    private async Task<ITarget> LocateAsync(string container, CancellationToken ct)
    {
        foreach (var controller in config.Controllers)
        {
            var host = await targetFor(controller.Name, ct).ConfigureAwait(false);
            if (await host.ExistsAsync(lxc.ConfigPath(container), ct).ConfigureAwait(false))
            {
                return host;
            }
        }
        throw new ContainerNotFoundException(container);
    }
}
