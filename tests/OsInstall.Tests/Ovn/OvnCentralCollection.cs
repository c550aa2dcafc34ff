using Xunit;

namespace OsInstall.Tests.Ovn;

/// <summary>Tests that share one real OVN northbound/southbound database and ovn-northd.</summary>
[CollectionDefinition(Name)]
public sealed class OvnCentralCollection : ICollectionFixture<OvnCentralFixture>
{
    public const string Name = "real ovn central";
}
