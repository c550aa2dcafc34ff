using System.Globalization;
using OsInstall.Bench;
using OsInstall.Tests.Simulation;

// Usage: dotnet run -c Release --project bench/OsInstall.Bench [-- --work-seconds 0.3]
// --work-seconds: how long each apk stand-in call sleeps, standing for a package download/build on the host.
var workSeconds = args.Length == 2 && args[0] == "--work-seconds" ? double.Parse(args[1], CultureInfo.InvariantCulture) : 0.3;

Console.Error.WriteLine($"starting the simulated cluster: 3 controllers, {BenchRun.ComputeNodes} compute nodes...");
var cluster = await SimulatedCluster.StartAsync(3, BenchRun.ComputeNodes);
try
{
    if (!cluster.Available)
    {
        Console.Error.WriteLine($"cannot run: {cluster.SkipReason}");
        return 2;
    }
    return await BenchRun.RunAsync(cluster, workSeconds);
}
finally
{
    await cluster.DisposeAsync();
}
