using OsInstall.Tests.Bind;
using OsInstall.Tests.Ovn;
using OsInstall.Tests.Simulation;

namespace OsInstall.Tests.Integration;

/// <summary>The simulated cluster with a real OVN northbound (+ northd) and real named beside it.</summary>
[CollectionDefinition(Name)]
public sealed class ContainerOnOvnCollection
    : ICollectionFixture<SimulatedCluster>, ICollectionFixture<OvnCentralFixture>, ICollectionFixture<NamedClusterFixture>
{
    public const string Name = "containers on real ovn and named";
}
