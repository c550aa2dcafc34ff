using OsInstall.Tests.Bind;
using OsInstall.Tests.Ovn;
using Xunit;

namespace OsInstall.Tests.DnsSync;

/// <summary>Tests that need a real OVN northbound (with northd) and real named servers together, each started once.</summary>
[CollectionDefinition(Name)]
public sealed class OvnNamedCollection : ICollectionFixture<OvnCentralFixture>, ICollectionFixture<NamedClusterFixture>
{
    public const string Name = "real ovn central and named";
}
