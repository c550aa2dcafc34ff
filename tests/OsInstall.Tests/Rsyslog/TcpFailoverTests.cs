using Xunit;
using Xunit.Abstractions;

namespace OsInstall.Tests.Rsyslog;

/// <summary>The tcp protocol setting, run for real: delivery to the primary and failover to the first standby.</summary>
[Collection(TcpClusterCollection.Name)]
public sealed class TcpFailoverTests(TcpClusterFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan Delivery = TimeSpan.FromSeconds(120);
    private const int MaxProbes = 20;

    [Fact]
    public async Task Messages_reach_the_primary_then_after_it_dies_the_first_standby()
    {
        var cluster = fixture.Cluster;
        var ct = CancellationToken.None;
        var (primary, standby, client) = (cluster.Primary, cluster.Collectors[1], cluster.Client);
        var file = cluster.Config.Rsyslog.Facilities["local0"];

        var first = Unique("before-kill");
        await RsyslogTestCluster.LogAsync(client, "local0.info", first, ct);
        Assert.True(await primary.WaitForLogAsync(file, first, Delivery), $"primary never got the message:\n{client.Output}");

        await primary.KillAsync();
        var probes = new List<string>();
        string? failedOver = null;
        while (failedOver is null && probes.Count < MaxProbes)
        {
            var probe = Unique($"probe-{probes.Count + 1}");
            probes.Add(probe);
            await RsyslogTestCluster.LogAsync(client, "local0.info", probe, ct);
            if (await standby.WaitForLogAsync(file, probe, TimeSpan.FromSeconds(3)))
            {
                failedOver = probe;
            }
        }
        Assert.True(failedOver is not null, $"none of {probes.Count} messages after the kill reached the first standby:\n{client.Output}");
        var all = string.Concat(cluster.Collectors.Select(c => c.ReadLog(file)));
        var lost = probes.Count(p => !all.Contains(p, StringComparison.Ordinal));
        output.WriteLine($"tcp: messages logged after the kill that no collector wrote: {lost} of {probes.Count}");
        Assert.Equal(1, standby.ReadLog(file).Split(failedOver).Length - 1);
    }

    private static string Unique(string what) => $"osinstall-tcp-{what}-{Guid.NewGuid():N}";
}
