using Xunit;

namespace OsInstall.Tests.Rsyslog;

/// <summary>The RELP test cluster, started once for the collection.</summary>
public sealed class RelpClusterFixture : IAsyncLifetime
{
    private RsyslogTestCluster? cluster;

    internal RsyslogTestCluster Cluster => cluster ?? throw new InvalidOperationException("cluster not started");

    public async Task InitializeAsync() => cluster = await RsyslogTestCluster.StartAsync("relp", CancellationToken.None);

    public async Task DisposeAsync()
    {
        if (cluster is not null)
        {
            await cluster.DisposeAsync();
        }
    }
}
