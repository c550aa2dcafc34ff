using OsInstall.Components.Cinder;
using OsInstall.Tests.OpenStack;
using OsInstall.Tests.Placement;
using OsInstall.Tests.Simulation;

namespace OsInstall.Tests.Cinder;

/// <summary>cinder installed, installed again, verified and uninstalled on the simulated cluster.</summary>
[Collection(SimulatedClusterCollection.Name)]
public sealed class CinderSimulationTests(SimulatedCluster cluster)
{
    [SimulationFact]
    public async Task Cinder_installs_api_workers_scheduler_and_ceph_backend_registers_once_and_uninstalls()
    {
        using var sim = new ServiceSimulation(cluster, "cinder");
        sim.Config.Openstack.BjoernWorkers = 2;
        var cinder = new CinderInstaller(_ => sim.Database, _ => sim.Platform);
        var endpoint = $"http://haproxy.{sim.Config.Cluster.Domain}:8776/v3/%(project_id)s";
        var region = sim.Config.Cluster.Region;
        var type = CinderInstaller.ServiceType(sim.Config);
        var keyring = $"/etc/ceph/ceph.client.{sim.Config.Ceph.CinderClient}.keyring";

        await sim.RunAsync(cinder);

        Assert.Equal([$"ensure cinder cinder cinder_db_password on {sim.Controller1}"], sim.Database.Calls);
        Assert.Equal(
        [
            "user create --domain default cinder --password " + OpenStackTestSecrets.Value("cinder_password"),
            "role add --project service --user cinder admin",
            $"service create --name cinderv3 --description OpenStack Block Storage {type}",
            $"endpoint create --region {region} cinderv3 public {endpoint}",
            $"endpoint create --region {region} cinderv3 internal {endpoint}",
            $"endpoint create --region {region} cinderv3 admin {endpoint}",
        ], sim.Creates());
        var first = sim.InContainer(1, "cinder-1");
        Assert.Contains(first, c => c.Contains("apk add", StringComparison.Ordinal) && c.Contains("sudo", StringComparison.Ordinal));
        Assert.Contains(first, c => c.Contains("/opt/cinder/src/cinder/etc/cinder/api-paste.ini /etc/cinder/api-paste.ini", StringComparison.Ordinal));
        Assert.Contains(first, c => c.Contains("/opt/cinder/src/cinder/etc/cinder/rootwrap.d/volume.filters /etc/cinder/rootwrap.d/volume.filters", StringComparison.Ordinal));
        Assert.Contains("su -s /bin/sh cinder -c '/opt/cinder/bin/cinder-manage db sync'", first);
        var ctx = sim.RenderContext();
        for (var i = 1; i <= 3; i++)
        {
            var container = $"cinder-{i}";
            var files = sim.WrittenFiles(i, container);
            Assert.Equal(cinder.RenderConf(ctx), files[CinderInstaller.ConfPath]);
            Assert.Equal(CinderInstaller.RenderSudoers(ctx), files[CinderInstaller.SudoersPath]);
            Assert.Equal("0440 root:root", sim.WrittenSpec(i, container, CinderInstaller.SudoersPath));
            Assert.Equal("0644 root:root", sim.WrittenSpec(i, container, CinderInstaller.RootwrapConfPath));
            Assert.Equal($"[client.{sim.Config.Ceph.CinderClient}]\n\tkey = {OpenStackTestSecrets.Value("ceph_cinder_key")}\n", files[keyring]);
            Assert.Equal("0640 root:cinder", sim.WrittenSpec(i, container, keyring));
            Assert.Contains("/etc/init.d/cinder-scheduler", files.Keys);
            Assert.Contains("/etc/init.d/cinder-api-2", files.Keys);
            Assert.Contains(sim.InContainer(i, container), c =>
                c.Contains("rc-update add cinder-api-1 default", StringComparison.Ordinal) &&
                c.Contains("rc-update add cinder-api-2 default", StringComparison.Ordinal) &&
                c.Contains("rc-update add cinder-scheduler default", StringComparison.Ordinal));
        }
        Assert.DoesNotContain(sim.InContainer(3, "cinder-3"), c => c.Contains("cinder-manage", StringComparison.Ordinal));

        await sim.RunAsync(cinder);

        Assert.Empty(sim.Creates());

        var healthy = await sim.VerifyAsync(cinder);
        // a cinder whose scheduler never reported in
        sim.SetOpenstackOutput("cinder-volume\n");
        var withoutScheduler = await sim.VerifyAsync(cinder);
        sim.SetOpenstackOutput(null);
        Assert.False(withoutScheduler.Healthy);
        Assert.Contains(withoutScheduler.Checks, c => !c.Ok && c.Detail == "missing: cinder-scheduler");
        Assert.True(healthy.Healthy, string.Join('\n', healthy.Checks));
        Assert.Contains(healthy.Checks, c => c.Host == "cinder-2" && c.Check == "cinder-scheduler running" && c.Ok);

        await sim.RunAsync(cinder, uninstall: true);

        var removed = sim.Openstack();
        Assert.Equal(3, removed.Count(a => a.StartsWith("endpoint delete ", StringComparison.Ordinal)));
        Assert.Contains("service delete cinderv3", removed);
        Assert.Contains("user delete --domain default cinder", removed);
        Assert.Equal([$"drop cinder cinder on {sim.Controller1}"], sim.Database.Calls);
        for (var i = 1; i <= 3; i++)
        {
            Assert.Contains(cluster.Calls(sim.Controller(i)), c => c.Command == "lxc-stop" && c.Args.Contains($"cinder-{i}"));
        }
    }
}
