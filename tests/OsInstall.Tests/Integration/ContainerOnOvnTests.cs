using OsInstall.Common.Ovn;
using OsInstall.Components.Ovn;
using OsInstall.Tests.Bind;
using OsInstall.Tests.Containers;
using OsInstall.Tests.Ovn;
using OsInstall.Tests.Simulation;

namespace OsInstall.Tests.Integration;

/// <summary>
/// The container mechanism with the real container network: containers are built on the simulated
/// controllers (rbd and lxc are stand-ins there), their ports are created in a real OVN
/// northbound where the real ovn-northd assigns the addresses, and the records land in real named.
/// </summary>
[Collection(ContainerOnOvnCollection.Name)]
public sealed class ContainerOnOvnTests(SimulatedCluster cluster, OvnCentralFixture ovn, NamedClusterFixture named)
{
    [SimulationFact]
    public async Task A_container_set_gets_northd_addresses_in_its_lxc_config_and_in_dns_and_loses_both_on_uninstall()
    {
        await OvnTopology.ApplyAsync(OvnInstaller.Northbound(ovn.Target, ovn.Settings), ovn.Config, ovn.Settings, CancellationToken.None);
        var network = new OvnContainerNetwork(ovn.Northbound, named.Records, named.Config) { AddressTimeout = TimeSpan.FromSeconds(30) };
        using var scenario = new ContainerScenario(cluster, "integ", network);

        await scenario.InstallAsync();

        for (var i = 1; i <= 3; i++)
        {
            var name = $"integ-{i}";
            var address = await network.AddressOfAsync(name);
            Assert.NotNull(address);
            // The MAC northd chose is the one the container's veth gets.
            var lxcConfig = cluster.ReadFile(scenario.Controller(i), $"/var/lib/lxc/{name}/config");
            Assert.NotNull(lxcConfig);
            Assert.Contains(address.Mac, lxcConfig, StringComparison.Ordinal);
            // The port is bound to the controller the container runs on.
            Assert.Equal($"requested-chassis={scenario.Controller(i)}.oppp.lab", await ovn.NbctlAsync("lsp-get-options", name));
            // And DNS answers with the address northd assigned.
            Assert.Equal(address.Ip, await named.Dig(named.Primary, $"{name}.oppp.lab", "A"));
            Assert.Equal($"{name}.oppp.lab.", await named.Dig(named.Primary, "-x", address.Ip));
        }

        await scenario.UninstallAsync();

        for (var i = 1; i <= 3; i++)
        {
            var name = $"integ-{i}";
            Assert.Null(await network.AddressOfAsync(name));
            Assert.Equal("NXDOMAIN", await named.Status(named.Primary, $"{name}.oppp.lab", "A"));
        }
    }
}
