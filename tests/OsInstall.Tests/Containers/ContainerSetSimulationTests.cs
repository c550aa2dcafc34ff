using OsInstall.Tests.Simulation;
using Xunit.Abstractions;

namespace OsInstall.Tests.Containers;

[Collection(SimulatedClusterCollection.Name)]
public sealed class ContainerSetSimulationTests(SimulatedCluster cluster, ITestOutputHelper output)
{
    [SimulationFact]
    public async Task Probe()
    {
        using var s = new ContainerScenario(cluster, "probe");
        await s.InstallAsync();
        for (var i = 1; i <= 3; i++)
        {
            output.WriteLine($"--- controller {i}");
            foreach (var c in s.Calls(i))
            {
                output.WriteLine(c.Command == "rbd" ? "rbd " + string.Join(' ', c.Args.Skip(8)) : c.ToString());
            }
        }
        output.WriteLine(string.Join("\n", s.Network.Calls));
    }
}
