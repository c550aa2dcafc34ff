using OsInstall.Components.Neutron;
using OsInstall.Tests.OpenStack;
using OsInstall.Tests.Placement;
using OsInstall.Tests.Simulation;

namespace OsInstall.Tests.Neutron;

/// <summary>neutron installed, installed again, verified and uninstalled on the simulated cluster.</summary>
[Collection(SimulatedClusterCollection.Name)]
public sealed class NeutronSimulationTests(SimulatedCluster cluster)
{
    private const string DbUpgrade =
        "su -s /bin/sh neutron -c '/opt/neutron/bin/neutron-db-manage --config-file /etc/neutron/neutron.conf --config-file /etc/neutron/plugins/ml2/ml2_conf.ini upgrade heads'";

    [SimulationFact]
    public async Task Neutron_installs_the_server_with_ml2_ovn_registers_once_and_uninstalls()
    {
        using var sim = new ServiceSimulation(cluster, "neutron");
        var neutron = new NeutronInstaller(_ => sim.Database, _ => sim.Platform);

        // What a neutron with ML2/OVN answers (the runner verifies after installing): the controllers'
        // chassis as ovn-controller agents, and the extensions of ML2, port security and the OVN L3 plugin.
        var answers = cluster.InRoot(sim.Controller1, "/etc/osinstall-sim/openstack");
        Directory.CreateDirectory(answers);
        var agents = Path.Combine(answers, "network-agent-list");
        var extensions = Path.Combine(answers, "extension-list---network");
        await File.WriteAllTextAsync(agents, "ovn-controller\novn-controller\novn-controller\n");
        await File.WriteAllTextAsync(extensions, "router\nsecurity-group\nport-security\nexternal-net\n");
        try
        {
            await InstallVerifyUninstallAsync(sim, neutron, extensions);
        }
        finally
        {
            File.Delete(agents);
            File.Delete(extensions);
        }
    }

    private async Task InstallVerifyUninstallAsync(ServiceSimulation sim, NeutronInstaller neutron, string extensions)
    {
        var endpoint = $"http://haproxy.{sim.Config.Cluster.Domain}:9696";
        var region = sim.Config.Cluster.Region;

        await sim.RunAsync(neutron);

        Assert.Equal([$"ensure neutron neutron neutron_db_password on {sim.Controller1}"], sim.Database.Calls);
        Assert.Equal(
        [
            "user create --domain default neutron --password " + OpenStackTestSecrets.Value("neutron_password"),
            "role add --project service --user neutron admin",
            "service create --name neutron --description OpenStack Networking network",
            $"endpoint create --region {region} neutron public {endpoint}",
            $"endpoint create --region {region} neutron internal {endpoint}",
            $"endpoint create --region {region} neutron admin {endpoint}",
        ], sim.Creates());
        var first = sim.InContainer(1, "neutron-1");
        Assert.Contains(first, c => c.Contains("apk add", StringComparison.Ordinal) && c.Contains("sudo", StringComparison.Ordinal));
        Assert.Contains(first, c => c.Contains("/opt/neutron/src/neutron/etc/api-paste.ini /etc/neutron/api-paste.ini", StringComparison.Ordinal));
        Assert.Contains(first, c => c.Contains("/opt/neutron/src/neutron/etc/neutron/rootwrap.d/*.filters", StringComparison.Ordinal));
        Assert.Single(first, DbUpgrade);
        var ctx = sim.RenderContext();
        for (var i = 1; i <= 3; i++)
        {
            var container = $"neutron-{i}";
            var files = sim.WrittenFiles(i, container);
            Assert.Equal(neutron.RenderConf(ctx), files[NeutronInstaller.ConfPath]);
            Assert.Equal(NeutronInstaller.RenderMl2Conf(ctx), files[NeutronInstaller.Ml2ConfPath]);
            Assert.Equal(NeutronInstaller.RenderSudoers(ctx), files[NeutronInstaller.SudoersPath]);
            Assert.Equal(NeutronInstaller.RenderRootwrapConf(ctx), files[NeutronInstaller.RootwrapConfPath]);
            Assert.Equal("0640 root:neutron", sim.WrittenSpec(i, container, NeutronInstaller.ConfPath));
            Assert.Equal("0640 root:neutron", sim.WrittenSpec(i, container, NeutronInstaller.Ml2ConfPath));
            Assert.Equal("0440 root:root", sim.WrittenSpec(i, container, NeutronInstaller.SudoersPath));
            Assert.Equal("0644 root:root", sim.WrittenSpec(i, container, NeutronInstaller.RootwrapConfPath));
            Assert.Contains("--config-file /etc/neutron/plugins/ml2/ml2_conf.ini", files["/etc/init.d/neutron-server"], StringComparison.Ordinal);
            // neutron-server is its own server: no bjoern runner, no worker services
            Assert.DoesNotContain(files.Keys, p => p.StartsWith("/usr/local/bin/", StringComparison.Ordinal));
            Assert.Contains(sim.InContainer(i, container), c => c.Contains("rc-update add neutron-server default", StringComparison.Ordinal));
            if (i > 1)
            {
                Assert.DoesNotContain(sim.InContainer(i, container), c => c.Contains("neutron-db-manage", StringComparison.Ordinal));
            }
        }
        AssertNoSecretOnACommandLine(sim);

        await sim.RunAsync(neutron);

        Assert.Empty(sim.Creates());
        // the migrations are asked for again (alembic stops at the applied heads), still only in neutron-1
        Assert.Single(sim.InContainer(1, "neutron-1"), DbUpgrade);
        Assert.DoesNotContain(sim.InContainer(2, "neutron-2"), c => c.Contains("neutron-db-manage", StringComparison.Ordinal));
        AssertNoSecretOnACommandLine(sim);

        var healthy = await sim.VerifyAsync(neutron);
            // a neutron without the OVN L3 plugin: no router extension
            await File.WriteAllTextAsync(extensions, "security-group\nport-security\n");
            var withoutRouter = await sim.VerifyAsync(neutron);

            Assert.True(healthy.Healthy, string.Join('\n', healthy.Checks));
            Assert.Contains(healthy.Checks, c => c.Host == "neutron-3" && c.Check == "neutron-server running" && c.Ok);
            Assert.Contains(healthy.Checks, c => c.Check == "openstack network agent list -f value -c Binary" && c.Ok);
            Assert.False(withoutRouter.Healthy);
            Assert.Contains(withoutRouter.Checks, c => !c.Ok && c.Detail == "missing: router");

        await sim.RunAsync(neutron, uninstall: true);

        var removed = sim.Openstack();
        Assert.Equal(3, removed.Count(a => a.StartsWith("endpoint delete ", StringComparison.Ordinal)));
        Assert.Contains("service delete neutron", removed);
        Assert.Contains("user delete --domain default neutron", removed);
        Assert.Equal([$"drop neutron neutron on {sim.Controller1}"], sim.Database.Calls);
        for (var i = 1; i <= 3; i++)
        {
            Assert.Contains(cluster.Calls(sim.Controller(i)), c => c.Command == "lxc-stop" && c.Args.Contains($"neutron-{i}"));
        }
    }

    private static List<string> LogFiles(ServiceSimulation sim) =>
        Directory.EnumerateFiles(sim.LogDirectory, "*.log", SearchOption.AllDirectories).ToList();

    /// <summary>
    /// No secret of neutron's on any recorded command line (outside the base64 of a file's content,
    /// which the recorded write decodes) and none in the component's logs. The keystone password
    /// reaches the openstack stand-in from a 0600 file through "$(cat ...)", which the stand-in records expanded.
    /// </summary>
    private void AssertNoSecretOnACommandLine(ServiceSimulation sim)
    {
        string[] secrets = ["neutron_db_password", "nova_password", "rabbitmq_password", "neutron_password"];
        for (var i = 1; i <= 3; i++)
        {
            foreach (var call in cluster.Calls(sim.Controller(i)).Where(c => c.Command != "openstack"))
            {
                foreach (var secret in secrets)
                {
                    Assert.DoesNotContain(OpenStackTestSecrets.Value(secret), call.ArgLine, StringComparison.Ordinal);
                }
            }
        }
        Assert.NotEmpty(LogFiles(sim));
        foreach (var log in LogFiles(sim))
        {
            var text = File.ReadAllText(log);
            foreach (var secret in secrets)
            {
                Assert.DoesNotContain(OpenStackTestSecrets.Value(secret), text, StringComparison.Ordinal);
            }
        }
    }
}
