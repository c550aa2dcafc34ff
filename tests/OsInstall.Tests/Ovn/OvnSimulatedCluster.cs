using OsInstall.Tests.Simulation;
using Xunit;

namespace OsInstall.Tests.Ovn;

/// <summary>A simulated cluster of its own for the ovn component's end-to-end runs (its canned stand-in answers would disturb others).</summary>
public sealed class OvnSimulatedCluster : SimulatedCluster
{
}

[CollectionDefinition(Name)]
public sealed class OvnSimulatedCollection : ICollectionFixture<OvnSimulatedCluster>
{
    public const string Name = "ovn-simulated-cluster";
}
