using OsInstall.Tests.OpenStack;
using OsInstall.Tests.Resilience;
using OsInstall.Tests.Simulation;
using Xunit;

namespace OsInstall.Tests.SampleVm;

/// <summary>sample-vm installed, installed again, verified, uninstalled and uninstalled again on the simulated cluster.</summary>
[Collection(SimulatedClusterCollection.Name)]
public sealed class SampleVmSimulationTests(SimulatedCluster cluster)
{
    [SimulationFact]
    public async Task Each_object_is_created_once_none_on_rerun_and_uninstall_deletes_each_once()
    {
        using var sim = new SampleVmSimulation(cluster);
        var vm = sim.Config.SampleVm;
        var n = sim.Names;

        await sim.RunAsync();

        Assert.Equal(ExpectedCreates(sim), sim.Changes());
        var calls = sim.Calls();
        Assert.Equal([$"-q -O {n.Download} {vm.ImageUrl}"], calls.Where(c => c.Command == "wget").Select(c => c.ArgLine));
        Assert.Equal([$"convert -O raw {n.Download} {n.RawImage}.partial"], calls.Where(c => c.Command == "qemu-img").Select(c => c.ArgLine));
        Assert.Equal($"osinstall-sim download of {vm.ImageUrl}\n", sim.ReadFile(n.RawImage));
        Assert.False(sim.FileExists(n.Download));
        Assert.Single(calls, c => c.Command == "ssh-keygen");
        Assert.True(sim.FileExists(n.PrivateKey));
        var healthy = await sim.VerifyAsync();
        Assert.True(healthy.Healthy, string.Join('\n', healthy.Checks));

        await sim.RunAsync();

        Assert.Empty(sim.Changes());
        Assert.DoesNotContain(sim.Calls(), c => c.Command is "wget" or "qemu-img" or "ssh-keygen");
        Assert.NotEmpty(sim.Openstack());

        await sim.RunAsync(uninstall: true);

        var ip = "198.51.100.10";
        Assert.Equal(
        [
            $"server delete --wait {vm.Name}",
            $"floating ip delete {ip}",
            $"keypair delete {vm.KeypairName}",
            $"security group delete {vm.SecurityGroupName}",
            $"router remove subnet {vm.RouterName} {vm.InternalNetworkName}",
            $"router delete {vm.RouterName}",
            $"subnet delete {vm.ExternalNetworkName}",
            $"network delete {vm.ExternalNetworkName}",
            $"subnet delete {vm.InternalNetworkName}",
            $"network delete {vm.InternalNetworkName}",
            $"flavor delete {vm.FlavorName}",
            $"volume delete {vm.Name}",
            $"image delete {n.Image}",
        ], sim.Changes());
        Assert.False(sim.FileExists(n.RawImage));
        Assert.False(sim.FileExists(n.PrivateKey));
        var gone = await sim.VerifyAsync();
        Assert.False(gone.Healthy);

        await sim.RunAsync(uninstall: true);

        Assert.Empty(sim.Changes());
        Assert.NotEmpty(sim.Openstack());

        // No secret on any command line or in any log, although admin-openrc holds one.
        var recorded = string.Join('\n', cluster.HostNames.SelectMany(cluster.Calls).Select(c => c.ToString()));
        var logs = sim.LogText();
        Assert.Contains("openstack", logs, StringComparison.Ordinal);
        foreach (var secret in OpenStackTestSecrets.Values.Append(sim.AdminPassword))
        {
            Assert.DoesNotContain(secret, recorded, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, logs, StringComparison.Ordinal);
        }
    }

    [SimulationFact]
    public async Task A_failed_server_create_is_finished_by_the_rerun_which_creates_only_what_is_missing()
    {
        using var sim = new SampleVmSimulation(cluster);
        var vm = sim.Config.SampleVm;
        cluster.InjectFault(sim.Controller1, "openstack", "server create", 1);
        try
        {
            await Assert.ThrowsAnyAsync<Exception>(() => sim.RunAsync());
        }
        finally
        {
            cluster.ClearFaults();
        }
        var firstRun = sim.Changes();
        Assert.Contains(firstRun, c => c.StartsWith("server create ", StringComparison.Ordinal));
        Assert.DoesNotContain(firstRun, c => c.StartsWith("floating ip create ", StringComparison.Ordinal));

        await sim.RunAsync();

        Assert.Equal(ExpectedCreates(sim).TakeLast(3), sim.Changes());

        await sim.RunAsync(uninstall: true);
        Assert.Equal($"image delete {sim.Names.Image}", sim.Changes()[^1]);
        Assert.Contains($"network delete {vm.InternalNetworkName}", sim.Changes());
    }

    /// <summary>
    /// The operator is hostile (issue 7): every secret (the admin password in admin-openrc among them),
    /// every config string the validator accepts, and the key's comment (free text after a valid key)
    /// hold shell payloads. The key still arrives literally, nothing hidden runs, no secret leaks.
    /// </summary>
    [SimulationFact]
    public async Task A_configured_public_key_becomes_the_keypair_and_no_key_is_generated()
    {
        using var sim = new SampleVmSimulation(cluster, hostile: true);
        var key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOsinstallSampleVmTestKey " + Hostile.Payload("vk0");
        sim.Config.SampleVm.KeypairPublicKey = key;
        var loaded = OsInstall.Common.Config.ConfigLoader.LoadText(SimulatedConfig.ToYaml(sim.Config));
        Assert.True(loaded.Errors.Count == 0, string.Join('\n', loaded.Errors)); // the real loader takes it
        var tags = sim.Tags.Append("vk0").ToList();

        await sim.RunAsync();

        Assert.DoesNotContain(sim.Calls(), c => c.Command == "ssh-keygen");
        Assert.Equal(key + "\n", sim.ReadFile(sim.Names.PublicKey));
        Assert.False(sim.FileExists(sim.Names.PrivateKey));
        Assert.Contains($"keypair create --public-key {sim.Names.PublicKey} {sim.Config.SampleVm.KeypairName}", sim.Changes());
        Hostile.AssertNothingRan(cluster, tags); // (the key and the admin password travel in files: no argument carries a payload)
        var recorded = string.Join('\n', cluster.HostNames.SelectMany(cluster.Calls).Select(c => c.ToString()));

        await sim.RunAsync(uninstall: true);
        Assert.False(sim.FileExists(sim.Names.PublicKey));
        Hostile.AssertNothingRan(cluster, tags);
        recorded += string.Join('\n', cluster.HostNames.SelectMany(cluster.Calls).Select(c => c.ToString()));
        var logs = sim.LogText();
        foreach (var (name, secret) in sim.Secrets.Values)
        {
            Assert.False(recorded.Contains(secret, StringComparison.Ordinal), $"secret {name} on a command line");
            Assert.False(logs.Contains(secret, StringComparison.Ordinal), $"secret {name} in a log");
        }
    }

    private static List<string> ExpectedCreates(SampleVmSimulation sim)
    {
        var vm = sim.Config.SampleVm;
        var n = sim.Names;
        return
        [
            $"image create --public --disk-format raw --container-format bare --file {n.RawImage} --property hw_scsi_model=virtio-scsi " +
                $"--property hw_disk_bus=scsi --property hw_qemu_guest_agent=yes --property os_require_quiesce=yes {n.Image}",
            $"flavor create --public --vcpus {vm.FlavorVcpus} --ram {vm.FlavorRamMb} --disk {vm.FlavorDiskGb} {vm.FlavorName}",
            $"volume create --bootable --size {vm.VolumeSizeGb} --image {n.Image} {vm.Name}",
            $"network create {vm.InternalNetworkName}",
            $"subnet create --network {vm.InternalNetworkName} --subnet-range {vm.InternalNetworkCidr} --gateway {vm.InternalNetworkGateway} " +
                $"--dns-nameserver {vm.InternalNetworkDns} --allocation-pool start={vm.InternalPoolStart},end={vm.InternalPoolEnd} {vm.InternalNetworkName}",
            $"network create --external --provider-physical-network provider --provider-network-type flat {vm.ExternalNetworkName}",
            $"subnet create --network {vm.ExternalNetworkName} --subnet-range {vm.ExternalNetworkCidr} --gateway {vm.ExternalNetworkGateway} " +
                $"--no-dhcp --allocation-pool start={vm.ExternalPoolStart},end={vm.ExternalPoolEnd} {vm.ExternalNetworkName}",
            $"router create {vm.RouterName}",
            $"router set --enable-snat --external-gateway {vm.ExternalNetworkName} {vm.RouterName}",
            $"router add subnet {vm.RouterName} {vm.InternalNetworkName}",
            $"security group create --description osinstall sample VM: ssh and icmp in {vm.SecurityGroupName}",
            $"security group rule create --ingress --protocol icmp {vm.SecurityGroupName}",
            $"security group rule create --ingress --protocol tcp --dst-port 22 {vm.SecurityGroupName}",
            $"keypair create --public-key {n.PublicKey} {vm.KeypairName}",
            $"server create --flavor {vm.FlavorName} --key-name {vm.KeypairName} --volume {vm.Name} --network {vm.InternalNetworkName} " +
                $"--security-group {vm.SecurityGroupName} --wait {vm.Name}",
            $"floating ip create --tag {n.FloatingIpTag} -f value -c floating_ip_address {vm.ExternalNetworkName}",
            $"server add floating ip {vm.Name} 198.51.100.10",
        ];
    }
}
