using OsInstall.Components.Glance;
using OsInstall.Tests.OpenStack;
using OsInstall.Tests.Placement;
using OsInstall.Tests.Simulation;

namespace OsInstall.Tests.Glance;

/// <summary>glance installed, installed again, verified and uninstalled on the simulated cluster.</summary>
[Collection(SimulatedClusterCollection.Name)]
public sealed class GlanceSimulationTests(SimulatedCluster cluster)
{
    [SimulationFact]
    public async Task Glance_installs_its_daemon_and_ceph_client_registers_once_and_uninstalls()
    {
        using var sim = new ServiceSimulation(cluster, "glance");
        var glance = new GlanceInstaller(_ => sim.Database, _ => sim.Platform);
        var endpoint = $"http://haproxy.{sim.Config.Cluster.Domain}:9292";
        var region = sim.Config.Cluster.Region;
        var keyring = $"/etc/ceph/ceph.client.{sim.Config.Ceph.GlanceClient}.keyring";

        await sim.RunAsync(glance);

        Assert.Equal([$"ensure glance glance glance_db_password on {sim.Controller1}"], sim.Database.Calls);
        Assert.Equal(
        [
            "user create --domain default glance --password " + OpenStackTestSecrets.Value("glance_password"),
            "role add --project service --user glance admin",
            "service create --name glance --description OpenStack Image image",
            $"endpoint create --region {region} glance public {endpoint}",
            $"endpoint create --region {region} glance internal {endpoint}",
            $"endpoint create --region {region} glance admin {endpoint}",
        ], sim.Creates());
        var first = sim.InContainer(1, "glance-1");
        Assert.Contains(first, c => c.Contains("apk add", StringComparison.Ordinal) && c.Contains("ceph-common", StringComparison.Ordinal) && c.Contains("py3-rbd", StringComparison.Ordinal));
        Assert.Contains(first, c => c.Contains("install -D -m 0640 -o root -g glance /opt/glance/src/glance/etc/glance-api-paste.ini /etc/glance/glance-api-paste.ini", StringComparison.Ordinal));
        Assert.Contains(CephServiceClient.LinkBindingsCommand(glance.Service), first);
        Assert.Contains("su -s /bin/sh glance -c '/opt/glance/bin/glance-manage db_sync'", first);
        var ctx = sim.RenderContext();
        for (var i = 1; i <= 3; i++)
        {
            var container = $"glance-{i}";
            var files = sim.WrittenFiles(i, container);
            Assert.Equal(glance.RenderConf(ctx), files[GlanceInstaller.ConfPath]);
            Assert.Equal(GlanceInstaller.RenderSchema(ctx), files[GlanceInstaller.SchemaPath]);
            Assert.Equal($"[client.{sim.Config.Ceph.GlanceClient}]\n\tkey = {OpenStackTestSecrets.Value("ceph_glance_key")}\n", files[keyring]);
            Assert.Equal("0640 root:glance", sim.WrittenSpec(i, container, keyring));
            Assert.Equal("0640 root:glance", sim.WrittenSpec(i, container, GlanceInstaller.ConfPath));
            Assert.Contains("fsid = " + sim.Config.Ceph.ClusterId, files[sim.Config.Ceph.ConfPath], StringComparison.Ordinal);
            Assert.Equal("0755 root:root", sim.WrittenSpec(i, container, "/etc/init.d/glance-api"));
            // no bjoern worker: glance-api is the one service of the container
            Assert.DoesNotContain(files.Keys, p => p.StartsWith("/etc/init.d/glance-api-", StringComparison.Ordinal) || p.StartsWith("/usr/local/bin/", StringComparison.Ordinal));
            Assert.Contains(sim.InContainer(i, container), c => c.Contains("rc-update add glance-api default", StringComparison.Ordinal));
        }
        Assert.DoesNotContain(sim.InContainer(2, "glance-2"), c => c.Contains("glance-manage", StringComparison.Ordinal));

        await sim.RunAsync(glance);

        Assert.Empty(sim.Creates());
        var health = await sim.VerifyAsync(glance);
        Assert.True(health.Healthy, string.Join('\n', health.Checks));
        Assert.Equal(["glance-1", "glance-2", "glance-3", sim.Controller1], health.Checks.Select(c => c.Host));

        await sim.RunAsync(glance, uninstall: true);

        var removed = sim.Openstack();
        Assert.Equal(3, removed.Count(a => a.StartsWith("endpoint delete ", StringComparison.Ordinal)));
        Assert.Contains("service delete glance", removed);
        Assert.Contains("user delete --domain default glance", removed);
        Assert.Equal([$"drop glance glance on {sim.Controller1}"], sim.Database.Calls);
    }
}
