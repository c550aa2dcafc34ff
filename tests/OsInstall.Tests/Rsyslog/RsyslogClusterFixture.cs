using Xunit;

namespace OsInstall.Tests.Rsyslog;

/// <summary>A test cluster of real rsyslogd over one protocol, started once for its collection.</summary>
public abstract class RsyslogClusterFixture(string protocol) : IAsyncLifetime
{
    private RsyslogTestCluster? cluster;

    internal RsyslogTestCluster Cluster => cluster ?? throw new InvalidOperationException("cluster not started");

    public async Task InitializeAsync() => cluster = await RsyslogTestCluster.StartAsync(protocol, CancellationToken.None);

    public async Task DisposeAsync()
    {
        if (cluster is not null)
        {
            await cluster.DisposeAsync();
        }
    }
}
