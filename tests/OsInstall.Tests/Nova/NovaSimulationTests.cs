using OsInstall.Components.Nova;
using OsInstall.Components.OpenStack;
using OsInstall.Tests.OpenStack;
using OsInstall.Tests.Placement;
using OsInstall.Tests.Simulation;

namespace OsInstall.Tests.Nova;

/// <summary>nova installed, installed again, verified and uninstalled on the simulated cluster.</summary>
[Collection(SimulatedClusterCollection.Name)]
public sealed class NovaSimulationTests(SimulatedCluster cluster)
{
    [SimulationFact]
    public async Task Nova_installs_apis_daemons_cells_on_member_1_registers_once_and_uninstalls()
    {
        using var sim = new ServiceSimulation(cluster, "nova");
        sim.Config.Openstack.BjoernWorkers = 2;
        var nova = new NovaInstaller(_ => sim.Database, _ => sim.Platform);
        var endpoint = $"http://haproxy.{sim.Config.Cluster.Domain}:8774/v2.1";
        var region = sim.Config.Cluster.Region;
        // What nova answers once its conductor and scheduler reported in (install ends with the health check).
        var answers = cluster.InRoot(sim.Controller1, "/etc/osinstall-sim/openstack");
        Directory.CreateDirectory(answers);
        var services = Path.Combine(answers, "compute-service-list");
        await File.WriteAllTextAsync(services, "nova-conductor\nnova-scheduler\n");
        try
        {
            await InstallVerifyUninstallAsync(sim, nova, endpoint, region, services);
        }
        finally
        {
            File.Delete(services);
        }
    }

    private async Task InstallVerifyUninstallAsync(ServiceSimulation sim, NovaInstaller nova, string endpoint, string region, string services)
    {
        await sim.RunAsync(nova);

        Assert.Equal(
        [
            $"ensure nova nova nova_db_password on {sim.Controller1}",
            $"ensure nova_api nova nova_db_password on {sim.Controller1}",
            $"ensure nova_cell0 nova nova_db_password on {sim.Controller1}",
        ], sim.Database.Calls);
        Assert.Equal(
        [
            "user create --domain default nova --password " + OpenStackTestSecrets.Value("nova_password"),
            "role add --project service --user nova admin",
            "service create --name nova --description OpenStack Compute compute",
            $"endpoint create --region {region} nova public {endpoint}",
            $"endpoint create --region {region} nova internal {endpoint}",
            $"endpoint create --region {region} nova admin {endpoint}",
        ], sim.Creates());
        var first = sim.InContainer(1, "nova-1");
        Assert.Contains(first, c => c.Contains("apk add", StringComparison.Ordinal) && c.Contains("novnc", StringComparison.Ordinal));
        Assert.Contains(first, c => c.Contains("/opt/nova/src/nova/etc/nova/api-paste.ini /etc/nova/api-paste.ini", StringComparison.Ordinal));
        // The database commands, in order, as the nova account, on member 1 only.
        var syncs = nova.Service.DbSyncCommands.Select(c => ServiceAccount.AsService(nova.Service, c)).ToList();
        Assert.Equal(syncs, first.Where(syncs.Contains));
        Assert.Contains(first, c => c.Contains("cell_v2 create_cell --name=cell1", StringComparison.Ordinal));
        var ctx = sim.RenderContext();
        for (var i = 1; i <= 3; i++)
        {
            var container = $"nova-{i}";
            var files = sim.WrittenFiles(i, container);
            Assert.Equal(nova.RenderConf(ctx), files[NovaInstaller.ConfPath]);
            Assert.Equal("0640 root:nova", sim.WrittenSpec(i, container, NovaInstaller.ConfPath));
            Assert.Equal(WsgiWorkers.RenderRunner(ctx.Templates, nova.Service, NovaInstaller.Metadata), files["/usr/local/bin/nova-metadata-bjoern"]);
            foreach (var service in new[] { "nova-api-1", "nova-api-2", "nova-metadata-1", "nova-metadata-2", "nova-conductor", "nova-scheduler", "nova-novncproxy" })
            {
                Assert.Contains($"/etc/init.d/{service}", files.Keys);
                Assert.Contains(sim.InContainer(i, container), c => c.Contains($"rc-update add {service} default", StringComparison.Ordinal));
            }
            if (i > 1)
            {
                Assert.DoesNotContain(sim.InContainer(i, container), c => c.Contains("nova-manage", StringComparison.Ordinal));
            }
        }
        // No secret on any command line osinstall sent (the openstack stand-in records the password
        // it read through "$(cat file)"), and none in the logs.
        var sent = Enumerable.Range(1, 3).SelectMany(i => cluster.Calls(sim.Controller(i)))
            .Where(c => !(c.Command == "openstack" && c.ArgLine.StartsWith("user create ", StringComparison.Ordinal)))
            .Select(c => c.ArgLine).ToList();
        var logs = sim.Logs();
        Assert.NotEmpty(logs);
        foreach (var secret in new[] { "nova_password", "nova_db_password", "neutron_password", "placement_password", "metadata_proxy_secret", "rabbitmq_password" }
                     .Select(OpenStackTestSecrets.Value))
        {
            Assert.DoesNotContain(sent, c => c.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(secret, logs, StringComparison.Ordinal);
        }

        await sim.RunAsync(nova);

        Assert.Empty(sim.Creates());
        Assert.Equal(3, sim.Database.Calls.Count);

        var healthy = await sim.VerifyAsync(nova);
        // a nova whose scheduler never reported in
        await File.WriteAllTextAsync(services, "nova-conductor\n");
        var withoutScheduler = await sim.VerifyAsync(nova);

        Assert.True(healthy.Healthy, string.Join('\n', healthy.Checks));
        Assert.Contains(healthy.Checks, c => c.Host == "nova-3" && c.Check == "nova-novncproxy running" && c.Ok);
        Assert.Contains(healthy.Checks, c => c.Host == "nova-2" && c.Check == "nova-metadata-2 running" && c.Ok);
        Assert.False(withoutScheduler.Healthy);
        Assert.Contains(withoutScheduler.Checks, c => !c.Ok && c.Detail == "missing: nova-scheduler");

        await sim.RunAsync(nova, uninstall: true);

        var removed = sim.Openstack();
        Assert.Equal(3, removed.Count(a => a.StartsWith("endpoint delete ", StringComparison.Ordinal)));
        Assert.Contains("service delete nova", removed);
        Assert.Contains("user delete --domain default nova", removed);
        // the extra databases first: the shared owner goes with the last
        Assert.Equal(
        [
            $"drop nova_cell0 nova on {sim.Controller1}",
            $"drop nova_api nova on {sim.Controller1}",
            $"drop nova nova on {sim.Controller1}",
        ], sim.Database.Calls);
        for (var i = 1; i <= 3; i++)
        {
            Assert.Contains(cluster.Calls(sim.Controller(i)), c => c.Command == "lxc-stop" && c.Args.Contains($"nova-{i}"));
        }
    }
}
