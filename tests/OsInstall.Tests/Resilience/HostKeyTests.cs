using System.Diagnostics;
using OsInstall.Tests.EndToEnd;
using OsInstall.Tests.Simulation;

namespace OsInstall.Tests.Resilience;

/// <summary>
/// Host keys through the CLI on the simulated cluster: a host whose key is unknown is refused unless
/// --accept-new-host-keys; a host whose key changed (new key, sshd restarted) is refused always.
/// Either way the message names the host and the fingerprint it presented, and nothing runs there.
/// </summary>
[Collection(ResilienceCollection.Name)]
public sealed class HostKeyTests(ResilienceCluster cluster)
{
    private const string C2 = "o3p-os-controller-2";

    [SimulationFact]
    public async Task An_unknown_key_is_refused_by_default_naming_host_and_fingerprint()
    {
        var knownHosts = Path.Combine(cluster.ClientDirectory, $"known-hosts-without-c2-{Guid.NewGuid():N}");
        await File.WriteAllLinesAsync(knownHosts, cluster.Hosts.Where(h => h.Name != C2).Select(h => $"[{h.Address}]:{h.Port} {h.PublicKey}"));
        try
        {
            using var op = new CliScenario(cluster, c => c.Ssh.KnownHosts = knownHosts);
            cluster.ClearCalls();
            var r = await op.RunAsync("component", "install", "bind");
            Assert.True(r.ExitCode == 1, r.Output);
            Assert.Contains(C2, r.Output);
            Assert.Contains(Fingerprint(cluster.Host(C2).HostKeyFile + ".pub"), r.Output);
            Assert.Empty(cluster.Calls(C2));
            Assert.DoesNotContain(C2, await File.ReadAllTextAsync(knownHosts));
        }
        finally
        {
            File.Delete(knownHosts);
        }
    }

    [SimulationFact]
    public async Task A_changed_key_is_refused_even_with_accept_new_host_keys_naming_host_and_fingerprint()
    {
        var host = cluster.Host(C2);
        var saved = Path.Combine(cluster.ClientDirectory, $"saved-host-key-{Guid.NewGuid():N}");
        host.Stop();
        File.Copy(host.HostKeyFile, saved);
        File.Copy(host.HostKeyFile + ".pub", saved + ".pub");
        try
        {
            File.Delete(host.HostKeyFile);
            File.Delete(host.HostKeyFile + ".pub");
            Run("/usr/bin/ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", C2, "-f", host.HostKeyFile);
            await host.StartAsync();
            var newFingerprint = Fingerprint(host.HostKeyFile + ".pub");
            Assert.NotEqual(Fingerprint(saved + ".pub"), newFingerprint);
            var knownHostsBefore = await File.ReadAllTextAsync(cluster.KnownHostsFile);

            foreach (string[] extra in (string[][])[[], ["--accept-new-host-keys"]])
            {
                using var op = new CliScenario(cluster);
                cluster.ClearCalls();
                var r = await op.RunAsync(["component", "install", "bind", .. extra]);
                Assert.True(r.ExitCode == 1, r.Output);
                Assert.Contains(C2, r.Output);
                Assert.Contains(newFingerprint, r.Output);
                Assert.Empty(cluster.Calls(C2));
            }
            Assert.Equal(knownHostsBefore, await File.ReadAllTextAsync(cluster.KnownHostsFile));
        }
        finally
        {
            host.Stop();
            File.Copy(saved, host.HostKeyFile, overwrite: true);
            File.Copy(saved + ".pub", host.HostKeyFile + ".pub", overwrite: true);
            File.Delete(saved);
            File.Delete(saved + ".pub");
            await host.StartAsync();
        }
    }

    /// <summary>"SHA256:..." as OpenSSH prints it.</summary>
    private static string Fingerprint(string publicKeyFile) =>
        Run("/usr/bin/ssh-keygen", "-l", "-E", "sha256", "-f", publicKeyFile).Split(' ')[1];

    private static string Run(string file, params string[] args)
    {
        using var p = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, UseShellExecute = false })
            ?? throw new InvalidOperationException($"cannot start {file}");
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return p.ExitCode == 0 ? output : throw new InvalidOperationException($"{file} exited {p.ExitCode}");
    }
}
