using OsInstall.Common.Targets.Ssh;
using OsInstall.Tests.Simulation;
using Xunit;

namespace OsInstall.Tests.Ssh;

[Collection(SimulatedClusterCollection.Name)]
public sealed class HostKeyTests(SimulatedCluster cluster)
{
    private const string Host = "o3p-os-compute-1";

    [SimulationFact]
    public async Task An_unknown_host_key_is_refused_by_default_naming_host_and_fingerprint()
    {
        var knownHosts = EmptyKnownHosts();
        await using var provider = new SshTargetProvider(cluster.CreateConfig(), acceptNewHostKeys: false, knownHostsPath: knownHosts);

        var ex = await Assert.ThrowsAsync<HostKeyRejectedException>(() => provider.GetAsync(Host));

        var fingerprint = OpenSshFingerprint(Host);
        Assert.Equal(Host, ex.Host);
        Assert.Equal(fingerprint, ex.Fingerprint);
        Assert.Contains(Host, ex.Message, StringComparison.Ordinal);
        Assert.Contains(fingerprint, ex.Message, StringComparison.Ordinal);
        Assert.Contains("--accept-new-host-keys", ex.Message, StringComparison.Ordinal);
        Assert.Equal("", File.ReadAllText(knownHosts));
    }

    [SimulationFact]
    public async Task With_accept_new_an_unknown_key_is_recorded_and_then_trusted()
    {
        var knownHosts = EmptyKnownHosts();
        var host = cluster.Host(Host);
        await using (var provider = new SshTargetProvider(cluster.CreateConfig(), acceptNewHostKeys: true, knownHostsPath: knownHosts))
        {
            var target = await provider.GetAsync(Host);
            Assert.Equal(0, (await target.RunAsync("true")).ExitCode);
        }

        Assert.Equal($"[{host.Address}]:{host.Port},[{Host}]:{host.Port} {host.PublicKey}\n", File.ReadAllText(knownHosts));
        await using var strict = new SshTargetProvider(cluster.CreateConfig(), acceptNewHostKeys: false, knownHostsPath: knownHosts);
        var again = await strict.GetAsync(Host);
        Assert.Equal(0, (await again.RunAsync("true")).ExitCode);
    }

    [SimulationFact]
    public async Task A_changed_host_key_is_refused_even_with_accept_new()
    {
        var host = cluster.Host(Host);
        var other = cluster.Host("o3p-os-controller-1");
        var knownHosts = EmptyKnownHosts();
        File.WriteAllText(knownHosts, $"[{host.Address}]:{host.Port} {other.PublicKey}\n");
        await using var provider = new SshTargetProvider(cluster.CreateConfig(), acceptNewHostKeys: true, knownHostsPath: knownHosts);

        var ex = await Assert.ThrowsAsync<HostKeyRejectedException>(() => provider.GetAsync(Host));

        Assert.Contains("CHANGED", ex.Message, StringComparison.Ordinal);
        Assert.Contains(Host, ex.Message, StringComparison.Ordinal);
        Assert.Contains(OpenSshFingerprint(Host), ex.Message, StringComparison.Ordinal);
        Assert.Single(File.ReadAllLines(knownHosts));
    }

    [SimulationFact]
    public async Task A_hashed_known_hosts_entry_is_accepted()
    {
        // The fixture writes odd-numbered hosts (controller-2 is the second) hashed by ssh-keygen -H.
        const string hashedHost = "o3p-os-controller-2";
        var host = cluster.Host(hashedHost);
        var knownHosts = File.ReadAllText(cluster.KnownHostsFile);
        Assert.DoesNotContain(host.Address + "]", knownHosts, StringComparison.Ordinal);
        Assert.Contains("|1|", knownHosts, StringComparison.Ordinal);
        await using var provider = new SshTargetProvider(cluster.CreateConfig(), acceptNewHostKeys: false);

        var target = await provider.GetAsync(hashedHost);

        Assert.Equal("ok\n", (await target.RunAsync("echo ok")).StdOut);
    }

    [SimulationFact]
    public async Task Every_host_of_the_fixture_is_trusted_through_its_known_hosts()
    {
        await using var provider = new SshTargetProvider(cluster.CreateConfig(), acceptNewHostKeys: false);

        foreach (var name in cluster.HostNames)
        {
            var target = await provider.GetAsync(name);
            Assert.Equal(name + "\n", (await target.RunAsync("cat /etc/hostname")).StdOut);
        }
    }

    private string EmptyKnownHosts()
    {
        var path = Path.Combine(cluster.ClientDirectory, $"known_hosts-{Guid.NewGuid():N}");
        File.WriteAllText(path, "");
        return path;
    }

    // What `ssh-keygen -l` says, so our fingerprint is checked against OpenSSH's own.
    private string OpenSshFingerprint(string name) =>
        HostRootBuilder.Run("/usr/bin/ssh-keygen", "-l", "-E", "sha256", "-f", cluster.Host(name).HostKeyFile + ".pub").Split(' ')[1];
}
