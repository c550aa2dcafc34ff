using OsInstall.Tests.EndToEnd;
using OsInstall.Tests.Simulation;

namespace OsInstall.Tests.Containers;

/// <summary>osinstall container list|resize|flatten against the simulated cluster.</summary>
[Collection(SimulatedClusterCollection.Name)]
public sealed class ContainerCliTests(SimulatedCluster cluster)
{
    [SimulationFact]
    public async Task List_resize_and_flatten_report_and_exit_as_documented()
    {
        using var set = new ContainerScenario(cluster, "cli");
        await set.InstallAsync();
        using var cli = new CliScenario(cluster, c =>
        {
            c.ReadyToProceed = true;
            c.Ceph.RbdPool = set.Config.Ceph.RbdPool;
        });

        var list = await cli.RunAsync("container", "list");
        Assert.True(list.ExitCode == 0, list.Output);
        Assert.Contains("cli-2", list.Output, StringComparison.Ordinal);
        Assert.Contains("cli-1@cli-1", list.Output, StringComparison.Ordinal);
        Assert.Contains("RUNNING", list.Output, StringComparison.Ordinal);

        var grow = await cli.RunAsync("container", "resize", "cli-2", "2G");
        Assert.True(grow.ExitCode == 0, grow.Output);
        Assert.Contains("grown", grow.Output, StringComparison.Ordinal);
        var again = await cli.RunAsync("container", "resize", "cli-2", "2G");
        Assert.True(again.ExitCode == 0, again.Output);
        Assert.Contains("nothing to do", again.Output, StringComparison.Ordinal);
        Assert.Equal(2, (await cli.RunAsync("container", "resize", "cli-2", "1G")).ExitCode);
        Assert.Equal(2, (await cli.RunAsync("container", "resize", "no-such-1", "2G")).ExitCode);
        Assert.Equal(2, (await cli.RunAsync("container", "resize", "cli-2", "lots")).ExitCode);

        var flatten = await cli.RunAsync("container", "flatten", "cli-3");
        Assert.True(flatten.ExitCode == 0, flatten.Output);
        Assert.Contains("flattened", flatten.Output, StringComparison.Ordinal);
        Assert.Contains("resize cli-2 2G", cli.Log("container"), StringComparison.Ordinal);
    }
}
