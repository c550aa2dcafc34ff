using Xunit;

namespace OsInstall.Tests.Simulation;

/// <summary>Tests in the "simulated-cluster" collection share one <see cref="SimulatedCluster"/>, started once.</summary>
[CollectionDefinition(Name)]
public sealed class SimulatedClusterCollection : ICollectionFixture<SimulatedCluster>
{
    public const string Name = "simulated-cluster";
}
