using OsInstall.Tests.Simulation;

namespace OsInstall.Tests.Containers;

/// <summary>container resize / flatten / list on the simulated cluster.</summary>
[Collection(SimulatedClusterCollection.Name)]
public sealed class ContainerDiskSimulationTests(SimulatedCluster cluster)
{
    [SimulationFact]
    public async Task Resize_grows_image_and_filesystem_online_or_offline_and_never_shrinks()
    {
        using var s = new ContainerScenario(cluster, "rs");
        await s.InstallAsync();
        var device = $"/dev/rbd/{s.Config.Ceph.RbdPool}/rs-2";
        s.ClearCalls();

        Assert.True(await s.WithAdminAsync(a => a.ResizeAsync("rs-2", "2G", CancellationToken.None)));

        Assert.Equal(["ls --format json", "info rs-2 --format json", "ls --format json", "info rs-2 --format json", "resize rs-2 --size 2048M"], s.Rbd(2));
        Assert.Equal([$"resize2fs {device}"], s.Calls(2).Where(c => c.Command is "resize2fs" or "e2fsck").Select(c => c.ToString()));

        // Stopped: mapped here, checked, grown, unmapped (the pre-start hook maps it again).
        await s.RunAsync(3, "lxc-stop -n rs-3");
        s.ClearCalls();
        Assert.True(await s.WithAdminAsync(a => a.ResizeAsync("rs-3", "3G", CancellationToken.None)));
        Assert.Equal(
            ["ls --format json", "info rs-3 --format json", "ls --format json", "info rs-3 --format json", "resize rs-3 --size 3072M", "device map rs-3", "device unmap rs-3"],
            s.Rbd(3));
        var dev3 = $"/dev/rbd/{s.Config.Ceph.RbdPool}/rs-3";
        Assert.Equal([$"e2fsck -p -f {dev3}", $"resize2fs {dev3}"], s.Calls(3).Where(c => c.Command is "resize2fs" or "e2fsck").Select(c => c.ToString()));

        s.ClearCalls();
        Assert.False(await s.WithAdminAsync(a => a.ResizeAsync("rs-2", "2G", CancellationToken.None)));
        Assert.DoesNotContain(s.Rbd(2), c => c.StartsWith("resize", StringComparison.Ordinal));
        await Assert.ThrowsAsync<ArgumentException>(() => s.WithAdminAsync(a => a.ResizeAsync("rs-2", "1G", CancellationToken.None)));
        await Assert.ThrowsAsync<Common.Containers.ContainerNotFoundException>(() => s.WithAdminAsync(a => a.ResizeAsync("nope-1", "1G", CancellationToken.None)));
    }

    [SimulationFact]
    public async Task Flatten_detaches_a_clone_once_and_list_shows_state_size_and_parent()
    {
        using var s = new ContainerScenario(cluster, "fl");
        await s.InstallAsync();
        s.ClearCalls();

        Assert.True(await s.WithAdminAsync(a => a.FlattenAsync("fl-3", CancellationToken.None)));
        Assert.Equal(["ls --format json", "info fl-3 --format json", "flatten fl-3"], s.Rbd(3));
        s.ClearCalls();
        Assert.False(await s.WithAdminAsync(a => a.FlattenAsync("fl-3", CancellationToken.None)));
        Assert.Equal(["ls --format json", "info fl-3 --format json"], s.Rbd(3));

        var list = (await s.WithAdminAsync(a => a.ListAsync(CancellationToken.None))).Where(c => c.Container.StartsWith("fl-", StringComparison.Ordinal)).ToList();
        var pool = s.Config.Ceph.RbdPool;
        Assert.Equal(
        [
            (s.Controller(1), "fl-1", "RUNNING", 1024L * 1024 * 1024, $"{pool}/alpine@alpine"),
            (s.Controller(2), "fl-2", "RUNNING", 1024L * 1024 * 1024, $"{pool}/fl-1@fl-1"),
            (s.Controller(3), "fl-3", "RUNNING", 1024L * 1024 * 1024, (string?)null),
        ], list.Select(c => (c.Host, c.Container, c.State, c.SizeBytes ?? 0, c.Parent)));
    }
}
