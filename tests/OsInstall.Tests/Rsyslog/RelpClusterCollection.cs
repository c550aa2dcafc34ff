using Xunit;

namespace OsInstall.Tests.Rsyslog;

[CollectionDefinition(Name)]
public sealed class RelpClusterCollection : ICollectionFixture<RelpClusterFixture>
{
    public const string Name = "rsyslog RELP collectors";
}
