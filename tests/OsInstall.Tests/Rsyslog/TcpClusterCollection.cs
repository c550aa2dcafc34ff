using Xunit;

namespace OsInstall.Tests.Rsyslog;

[CollectionDefinition(Name)]
public sealed class TcpClusterCollection : ICollectionFixture<TcpClusterFixture>
{
    public const string Name = "rsyslog TCP collectors";
}
