using OsInstall.Bench;
using OsInstall.Tests.Simulation;

// Usage: dotnet run -c Release --project bench/OsInstall.Bench [-- --work-seconds 0.3] (see BenchOptions for the rest)
var options = BenchOptions.Parse(args);

var nodes = options.Runs("fanout") ? options.NodeCounts.Max() : 1;
Console.Error.WriteLine($"starting the simulated cluster: 3 controllers, {nodes} compute nodes...");
var cluster = await SimulatedCluster.StartAsync(3, nodes);
try
{
    if (!cluster.Available)
    {
        Console.Error.WriteLine($"cannot run: {cluster.SkipReason}");
        return 2;
    }
    return await BenchRun.RunAsync(cluster, options);
}
finally
{
    await cluster.DisposeAsync();
}
