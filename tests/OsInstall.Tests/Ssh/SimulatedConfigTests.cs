using OsInstall.Common.Config;
using OsInstall.Tests.Simulation;
using Xunit;

namespace OsInstall.Tests.Ssh;

[Collection(SimulatedClusterCollection.Name)]
public sealed class SimulatedConfigTests(SimulatedCluster cluster)
{
    [SimulationFact]
    public void The_written_config_loads_back_and_points_at_the_simulated_hosts()
    {
        var path = cluster.WriteConfig();

        var loaded = ConfigLoader.LoadFile(path);

        Assert.Empty(loaded.Errors);
        var config = Assert.IsType<ClusterConfig>(loaded.Config);
        Assert.Equal(cluster.HostNames, config.AllHosts.Select(h => h.Name));
        Assert.All(config.AllHosts, h => Assert.Equal(cluster.Host(h.Name).Port, h.SshPort));
        Assert.Equal(cluster.ClientKeyFile, config.Ssh.KeyFile);
        Assert.Equal(cluster.KnownHostsFile, config.Ssh.KnownHosts);
        Assert.False(config.Ssh.LocalFirstController);
        Assert.Equal(3, config.Controllers.Count);
        Assert.Equal(2, config.ComputeNodes.Count);
    }

    [SimulationFact]
    public void Host_roots_are_chroot_safe_and_hold_the_alpine_like_files()
    {
        var root = cluster.HostRoot("o3p-os-compute-2");

        for (var dir = new DirectoryInfo(root); dir is not null; dir = dir.Parent)
        {
            var mode = File.GetUnixFileMode(dir.FullName);
            Assert.False(mode.HasFlag(UnixFileMode.GroupWrite) || mode.HasFlag(UnixFileMode.OtherWrite), dir.FullName);
        }
        Assert.Contains("ttyS0", cluster.ReadFile("o3p-os-compute-2", "/etc/inittab"), StringComparison.Ordinal);
        Assert.Contains("/main", cluster.ReadFile("o3p-os-compute-2", "/etc/apk/repositories"), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(root, "bin/busybox")));
        Assert.Null(new FileInfo(Path.Combine(root, "bin/busybox")).LinkTarget);
        Assert.Null(cluster.ReadFile("o3p-os-compute-2", "/etc/absent"));
    }
}
