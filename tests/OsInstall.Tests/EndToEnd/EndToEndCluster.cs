using OsInstall.Tests.Simulation;

namespace OsInstall.Tests.EndToEnd;

/// <summary>A simulated cluster of its own (3 controllers, 2 compute nodes) for the end-to-end CLI runs.</summary>
public sealed class EndToEndCluster : SimulatedCluster
{
}

[CollectionDefinition(Name)]
public sealed class EndToEndCollection : ICollectionFixture<EndToEndCluster>
{
    public const string Name = "end-to-end-cluster";
}
