using OsInstall.Components.Placement;
using OsInstall.Tests.Simulation;

namespace OsInstall.Tests.Placement;

/// <summary>placement installed, installed again, verified and uninstalled on the simulated cluster.</summary>
[Collection(SimulatedClusterCollection.Name)]
public sealed class PlacementSimulationTests(SimulatedCluster cluster)
{
    [SimulationFact]
    public async Task Placement_installs_once_reinstalls_without_creating_anything_and_uninstalls()
    {
        using var sim = new ServiceSimulation(cluster, "placement");
        var placement = new PlacementInstaller(_ => sim.Database, _ => sim.Platform);
        var endpoint = $"http://haproxy.{sim.Config.Cluster.Domain}:8778";
        var region = sim.Config.Cluster.Region;

        await sim.RunAsync(placement);

        // controller-1: the database through the engine, the catalog entries through keystone
        Assert.Equal([$"ensure placement placement placement_db_password on {sim.Controller1}"], sim.Database.Calls);
        Assert.Equal(
        [
            "user create --domain default placement --password " + OpenStack.OpenStackTestSecrets.Value("placement_password"),
            "role add --project service --user placement admin",
            "service create --name placement --description Placement API placement",
            $"endpoint create --region {region} placement public {endpoint}",
            $"endpoint create --region {region} placement internal {endpoint}",
            $"endpoint create --region {region} placement admin {endpoint}",
        ], sim.Creates());
        // placement-1: code, account, config, db sync as placement, workers started
        var first = sim.InContainer(1, "placement-1");
        Assert.Contains(first, c => c.Contains("git clone --depth 1 --branch stable/", StringComparison.Ordinal) && c.Contains("/placement.git /opt/placement/src/placement", StringComparison.Ordinal));
        Assert.Contains(first, c => c.Contains("python-memcached", StringComparison.Ordinal) && c.Contains("bjoern", StringComparison.Ordinal));
        Assert.Contains("su -s /bin/sh placement -c '/opt/placement/bin/placement-manage db sync'", first);
        var ctx = sim.RenderContext();
        for (var i = 1; i <= 3; i++)
        {
            var files = sim.WrittenFiles(i, $"placement-{i}");
            Assert.Equal(placement.RenderConf(ctx), files[PlacementInstaller.ConfPath]);
            Assert.Equal("0640 root:placement", sim.WrittenSpec(i, $"placement-{i}", PlacementInstaller.ConfPath));
            Assert.Contains("/etc/init.d/placement-1", files.Keys);
            Assert.Contains("/etc/init.d/placement-2", files.Keys);
            var commands = sim.InContainer(i, $"placement-{i}");
            Assert.Contains(commands, c => c.Contains("rc-update add placement-1 default", StringComparison.Ordinal) && c.Contains("rc-update add placement-2 default", StringComparison.Ordinal));
            if (i > 1)
            {
                // db sync once, in the first container only
                Assert.DoesNotContain(commands, c => c.Contains("placement-manage", StringComparison.Ordinal));
            }
        }

        await sim.RunAsync(placement);

        Assert.Empty(sim.Creates());
        Assert.NotEmpty(sim.Openstack());

        sim.SetOpenstackOutput("VCPU\nMEMORY_MB\nDISK_GB\n");
        var healthy = await sim.VerifyAsync(placement);
        sim.SetOpenstackOutput("VCPU\n");
        var missing = await sim.VerifyAsync(placement);
        sim.SetOpenstackOutput(null);
        Assert.True(healthy.Healthy, string.Join('\n', healthy.Checks));
        Assert.Contains(healthy.Checks, c => c.Host == "placement-3" && c.Check == "placement-2 running" && c.Ok);
        Assert.False(missing.Healthy);
        Assert.Contains(missing.Checks, c => !c.Ok && c.Detail == "missing: MEMORY_MB, DISK_GB");

        await sim.RunAsync(placement, uninstall: true);

        var removed = sim.Openstack();
        Assert.Equal(3, removed.Count(a => a.StartsWith("endpoint delete ", StringComparison.Ordinal)));
        Assert.Contains("service delete placement", removed);
        Assert.Contains("user delete --domain default placement", removed);
        Assert.Equal([$"drop placement placement on {sim.Controller1}"], sim.Database.Calls);
        for (var i = 1; i <= 3; i++)
        {
            Assert.Contains(cluster.Calls(sim.Controller(i)), c => c.Command == "lxc-stop" && c.Args.Contains($"placement-{i}"));
        }
    }
}
