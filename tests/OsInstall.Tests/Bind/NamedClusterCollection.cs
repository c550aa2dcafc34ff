using Xunit;

namespace OsInstall.Tests.Bind;

/// <summary>Tests that share the one set of real named servers (started once, used in turn).</summary>
[CollectionDefinition(Name)]
public sealed class NamedClusterCollection : ICollectionFixture<NamedClusterFixture>
{
    public const string Name = "real named cluster";
}
