using OsInstall.Common.Containers;
using OsInstall.Tests.Simulation;

namespace OsInstall.Tests.Containers;

/// <summary>Build, clone, rerun and uninstall of a container set on the simulated cluster (rbd and lxc-* are stand-ins).</summary>
[Collection(SimulatedClusterCollection.Name)]
public sealed class ContainerSetSimulationTests(SimulatedCluster cluster)
{
    [SimulationFact]
    public async Task Builds_the_base_image_then_the_first_container_then_clones_it_on_the_other_controllers()
    {
        using var s = new ContainerScenario(cluster, "mc");
        await s.InstallAsync();

        Assert.Equal(
        [
            "ls --format json", "create alpine --size 1G", "snap ls alpine --format json",
            "device map alpine", "device unmap alpine", "snap create alpine@alpine", "snap protect alpine@alpine",
            "ls --format json", "clone alpine@alpine mc-1", "ls --format json", "info mc-1 --format json",
            "snap ls mc-1 --format json", "snap create mc-1@mc-1", "snap protect mc-1@mc-1",
        ], s.Rbd(1));
        foreach (var i in new[] { 2, 3 })
        {
            Assert.Equal(["ls --format json", $"clone mc-1@mc-1 mc-{i}", "ls --format json", $"info mc-{i} --format json"], s.Rbd(i));
            Assert.Equal([$"lxc-start mc-{i}"], s.LxcChanges(i));
        }
        // mc-1 is stopped for the moment of its snapshot and started again.
        Assert.Equal(["lxc-start mc-1", "lxc-stop mc-1", "lxc-start mc-1"], s.LxcChanges(1));

        // The base image: formatted, populated by apk for the configured release, services enabled, between map and unmap.
        var disk = s.Calls(1).Select(c => c.ToString())
            .SkipWhile(c => !c.StartsWith("rbd", StringComparison.Ordinal) || !c.Contains("device map", StringComparison.Ordinal))
            .TakeWhile(c => !c.Contains("device unmap", StringComparison.Ordinal))
            .Skip(1).Select(c => c.Split(' ')[0]).ToList();
        Assert.Equal(["blkid", "mkfs.ext4", "mount", "apk", "chroot", "chroot", "chroot", "chroot"], disk);
        var apk = s.Calls(1).Single(c => c.Command == "apk");
        Assert.Contains("--initdb", apk.Args);
        Assert.Contains($"{s.Config.Versions.AlpineMirror}/v{s.Config.Lxc.Release}/main", apk.Args);

        Assert.Equal(["mc-1"], s.Provisioned);
        Assert.Equal(
            ["attach mc-1 " + s.Controller(1), "attach mc-2 " + s.Controller(2), "attach mc-3 " + s.Controller(3)],
            s.Network.Calls.Order(StringComparer.Ordinal));
        var config = cluster.ReadFile(s.Controller(2), "/var/lib/lxc/mc-2/config")!;
        Assert.Contains($"lxc.net.0.hwaddr = {FakeContainerNetwork.Address.Mac}", config, StringComparison.Ordinal);
        Assert.Contains($"lxc.rootfs.path = rbd:/dev/rbd/{s.Config.Ceph.RbdPool}/mc-2", config, StringComparison.Ordinal);
        Assert.Contains("lxc.uts.name = mc-2", config, StringComparison.Ordinal);
        Assert.Contains($"lxc.net.0.script.up = {LxcNetworkModel.OvsHook}", config, StringComparison.Ordinal);
    }

    [SimulationFact]
    public async Task A_rerun_creates_clones_snapshots_and_starts_nothing()
    {
        using var s = new ContainerScenario(cluster, "rerun");
        await s.InstallAsync();
        s.ClearCalls();

        await s.InstallAsync();

        string[] changing = ["create", "clone", "snap create", "snap protect", "snap unprotect", "device map", "resize", "rm"];
        for (var i = 1; i <= 3; i++)
        {
            Assert.DoesNotContain(s.Rbd(i), c => changing.Any(v => c.StartsWith(v + " ", StringComparison.Ordinal)));
            Assert.Empty(s.LxcChanges(i));
        }
        Assert.DoesNotContain(s.Calls(1), c => c.Command is "mkfs.ext4" or "apk" or "chroot");
    }

    [SimulationFact]
    public async Task Uninstall_removes_the_clones_before_their_parent_and_keeps_the_base_image()
    {
        using var s = new ContainerScenario(cluster, "un");
        await s.InstallAsync();
        s.ClearCalls();

        await s.UninstallAsync();

        foreach (var i in new[] { 2, 3 })
        {
            Assert.Equal(["ls --format json", $"snap ls un-{i} --format json", $"rm un-{i}"], s.Rbd(i));
            Assert.Equal([$"lxc-stop un-{i}"], s.LxcChanges(i));
            Assert.False(cluster.FileExists(s.Controller(i), $"/var/lib/lxc/un-{i}"));
        }
        // The stand-in refuses to unprotect a snapshot that still has clones: this order is the only one that passes.
        Assert.Equal(
        [
            "ls --format json", "snap ls un-1 --format json", "children un-1@un-1 --format json",
            "snap unprotect un-1@un-1", "snap rm un-1@un-1", "rm un-1",
        ], s.Rbd(1));
        Assert.Equal(["detach un-1", "detach un-2", "detach un-3"], s.Network.Calls.Where(c => c.StartsWith("detach", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Equal(["alpine"], await s.ImagesAsync());

        s.ClearCalls();
        await s.UninstallAsync();
        Assert.Equal(["ls --format json"], s.Rbd(1));
        Assert.Equal(["ls --format json"], s.Rbd(2));
    }

    [SimulationFact]
    public async Task A_protected_snapshot_with_clones_is_neither_unprotected_nor_removed()
    {
        using var s = new ContainerScenario(cluster, "kept");
        await s.InstallAsync();
        s.ClearCalls();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => s.RemoveAsync(1, "kept-1"));

        Assert.Contains("still has clones", error.Message, StringComparison.Ordinal);
        Assert.Equal(["ls --format json", "snap ls kept-1 --format json", "children kept-1@kept-1 --format json"], s.Rbd(1));
        Assert.Equal(["alpine", "kept-1", "kept-2", "kept-3"], await s.ImagesAsync());
    }
}
