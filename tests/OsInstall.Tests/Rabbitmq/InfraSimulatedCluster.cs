using OsInstall.Tests.Simulation;

namespace OsInstall.Tests.Rabbitmq;

/// <summary>A simulated cluster of its own for the rabbitmq + memcached end-to-end runs.</summary>
public sealed class InfraSimulatedCluster : SimulatedCluster
{
}

[CollectionDefinition(Name)]
public sealed class InfraSimulatedCollection : ICollectionFixture<InfraSimulatedCluster>
{
    public const string Name = "infra-simulated-cluster";
}
