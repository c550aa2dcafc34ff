using OsInstall.Tests.Simulation;

namespace OsInstall.Tests.Resilience;

/// <summary>The resilience tests' own simulated cluster (3 controllers, 2 compute nodes): they inject faults, stop hosts and change host keys.</summary>
public sealed class ResilienceCluster : SimulatedCluster
{
}
