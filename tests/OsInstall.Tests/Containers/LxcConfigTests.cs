using OsInstall.Common.Containers;
using OsInstall.Common.Targets;
using OsInstall.Components;

namespace OsInstall.Tests.Containers;

/// <summary>Our rendered LXC configs against Debian's real LXC: its parser, and one container started from it.</summary>
public sealed class LxcConfigTests
{
    private static LxcConfigModel Production(string name) => new()
    {
        Name = name,
        RootfsPath = $"rbd:/dev/rbd/lxc-pool/{name}",
        Network = new LxcNetworkModel(FakeContainerNetwork.Address.Mac, LxcNetworkModel.OverlayMtu, LxcNetworkModel.OvsHook),
    };

    [LxcFact]
    public void Every_variant_we_render_passes_lxcs_own_parser()
    {
        using var lxc = new LxcDirectory();
        var production = Production("prod-1").Render(ComponentCatalog.Templates);
        lxc.WriteConfig("prod-1", production);
        var local = new LxcConfigModel { Name = "local-1", RootfsPath = LxcConfigModel.DirectoryRootfs("/nonexistent"), Autostart = false }
            .Render(ComponentCatalog.Templates);
        lxc.WriteConfig("local-1", local);

        Assert.Equal((0, "prod-1"), (lxc.Info("prod-1").Exit, NameOf(lxc.Info("prod-1").Output)));
        Assert.Equal((0, "local-1"), (lxc.Info("local-1").Exit, NameOf(lxc.Info("local-1").Output)));
        Assert.Contains("lxc.net.0.type = veth", production, StringComparison.Ordinal);
        Assert.Contains("lxc.net.0.type = empty", local, StringComparison.Ordinal);
        Assert.DoesNotContain("lxc.net.0.hwaddr", local, StringComparison.Ordinal);

        // The check means something: the same parser rejects a key it does not know.
        lxc.WriteConfig("bad-1", production + "lxc.net.0.no_such_key = 1\n");
        Assert.NotEqual(0, lxc.Info("bad-1").Exit);
    }

    [LxcFact]
    public async Task A_container_starts_from_our_config_on_a_directory_rootfs_and_runs_commands_through_lxc_attach()
    {
        using var dir = new LxcDirectory();
        const string name = "osinstall-ctr-test";
        var rootfs = dir.BusyboxRootfs(name);
        dir.WriteConfig(name, new LxcConfigModel { Name = name, RootfsPath = LxcConfigModel.DirectoryRootfs(rootfs), Autostart = false }
            .Render(ComponentCatalog.Templates));
        var host = new LocalTarget("localhost", TimeSpan.FromSeconds(60));
        var lxc = dir.Lxc;

        await lxc.EnsureRunningAsync(host, name, CancellationToken.None);
        var container = new ContainerTarget(host, name, lxc);
        var uname = await container.RunCheckedAsync("hostname");
        Assert.Equal(name, uname.StdOut.Trim());
        // File writes go through lxc-attach and land in the container's root filesystem.
        Assert.True(await container.WriteFileAsync("/etc/hostname", name + ".example.lab\n"));
        Assert.False(await container.WriteFileAsync("/etc/hostname", name + ".example.lab\n"));
        Assert.Equal(name + ".example.lab\n", await File.ReadAllTextAsync(Path.Combine(rootfs, "etc/hostname")));

        await lxc.EnsureStoppedAsync(host, name, CancellationToken.None);
        Assert.Equal("STOPPED", await lxc.StateAsync(host, name, CancellationToken.None));
    }

    private static string NameOf(string lxcInfo) =>
        lxcInfo.Split('\n').First(l => l.StartsWith("Name:", StringComparison.Ordinal))["Name:".Length..].Trim();
}
