using OsInstall.Tests.Simulation;
using Xunit;

namespace OsInstall.Tests.Ssh;

// In the simulated-cluster collection only so that it does not start its sshds while the other
// tests of the collection are busy with theirs.
[Collection(SimulatedClusterCollection.Name)]
public sealed class LargerClusterTests
{
    [SimulationFact]
    public async Task A_cluster_of_another_size_runs_beside_the_shared_one()
    {
        var cluster = await SimulatedCluster.StartAsync(controllers: 3, computeNodes: 8);
        string root;
        try
        {
            root = cluster.RunDirectory;
            await using var provider = cluster.CreateProvider();
            var config = cluster.CreateConfig();

            Assert.Equal(3, config.Controllers.Count);
            Assert.Equal(8, config.ComputeNodes.Count);
            Assert.Equal("o3p-os-compute-8", config.ComputeNodes[^1].Name);
            var names = await Task.WhenAll(config.AllHosts.Select(async h => (await (await provider.GetAsync(h.Name)).RunAsync("cat /etc/hostname")).StdOut.Trim()));
            Assert.Equal(config.AllHosts.Select(h => h.Name), names);

            // A daemon left behind (detached from its session) must not outlive the cluster.
            var node = await provider.GetAsync("o3p-os-compute-3");
            Assert.Equal(0, (await node.RunAsync("setsid sleep 600 </dev/null >/dev/null 2>&1 &")).ExitCode);
        }
        finally
        {
            await cluster.DisposeAsync();
        }
        Assert.False(Directory.Exists(root));
        Assert.Equal(0, ProcessTree.KillChrootedUnder(root));
        Assert.All(cluster.Hosts, h => Assert.Null(h.SshdPid));
    }
}
