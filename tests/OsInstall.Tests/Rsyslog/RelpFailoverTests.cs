using OsInstall.Components.Rsyslog;
using Xunit;
using Xunit.Abstractions;

namespace OsInstall.Tests.Rsyslog;

/// <summary>
/// Real rsyslogd collectors and client from our rendered configs, over RELP. One scenario in one
/// test: it kills the primary, which every later step depends on.
/// </summary>
[Collection(RelpClusterCollection.Name)]
public sealed class RelpFailoverTests(RelpClusterFixture fixture, ITestOutputHelper output)
{
    // Bounds, not expectations: a passing run is far quicker. The longest wait is rsyslog's
    // 30-second resume interval before the client tries a returned primary again.
    private static readonly TimeSpan Delivery = TimeSpan.FromSeconds(120);
    private const int MaxProbes = 20;

    [Fact]
    public async Task Messages_reach_the_primary_once_then_the_first_standby_and_the_one_logged_right_after_the_kill_is_kept()
    {
        var cluster = fixture.Cluster;
        var ct = CancellationToken.None;
        var (primary, standby, lastStandby, client) = (cluster.Primary, cluster.Collectors[1], cluster.Collectors[2], cluster.Client);
        var ovsFile = cluster.Config.Rsyslog.Facilities["local0"];
        var keepalivedFile = cluster.Config.Rsyslog.Facilities["local1"];

        var first = Unique("client-before-kill");
        await RsyslogTestCluster.LogAsync(client, "local0.info", first, ct);
        Assert.True(await primary.WaitForLogAsync(ovsFile, first, Delivery), Diagnose("primary never got the client's message", cluster));

        // A standby collector's own message goes down the chain too: written by the primary only.
        var standbyOwn = Unique("standby-own");
        await RsyslogTestCluster.LogAsync(standby, "local1.info", standbyOwn, ct);
        Assert.True(await primary.WaitForLogAsync(keepalivedFile, standbyOwn, Delivery), Diagnose("primary never got the standby's own message", cluster));
        Assert.DoesNotContain(standbyOwn, standby.ReadLog(keepalivedFile));
        Assert.DoesNotContain(standbyOwn, lastStandby.ReadLog(keepalivedFile));

        await primary.KillAsync();
        var afterKill = Unique("client-right-after-kill");
        await RsyslogTestCluster.LogAsync(client, "local0.info", afterKill, ct);

        // Further messages until the first standby has one: the client learns that the primary is
        // gone only when it next talks to it.
        var probes = new List<string>();
        string? failedOver = null;
        while (failedOver is null && probes.Count < MaxProbes)
        {
            var probe = Unique($"client-probe-{probes.Count + 1}");
            probes.Add(probe);
            await RsyslogTestCluster.LogAsync(client, "local0.info", probe, ct);
            if (await standby.WaitForLogAsync(ovsFile, probe, TimeSpan.FromSeconds(3)))
            {
                failedOver = probe;
            }
        }
        Assert.True(failedOver is not null, Diagnose($"none of {probes.Count} messages after the kill reached the first standby", cluster));
        var next = Unique("client-after-failover");
        await RsyslogTestCluster.LogAsync(client, "local0.info", next, ct);
        Assert.True(await standby.WaitForLogAsync(ovsFile, next, Delivery), Diagnose("the first standby stopped receiving", cluster));

        var atStandby = standby.ReadLog(ovsFile);
        output.WriteLine($"right after the kill: {(atStandby.Contains(afterKill, StringComparison.Ordinal) ? "at the first standby" : "not at the first standby")}");
        var lost = probes.TakeWhile(p => p != failedOver).Where(p => !atStandby.Contains(p, StringComparison.Ordinal)).ToList();
        output.WriteLine($"probes before the first one the standby wrote: {lost.Count} ({string.Join(", ", lost)})");

        // RELP keeps an unacknowledged message for its collector and sends it again when that
        // collector answers again. The client tries the primary again only when it has a message
        // to send, and not before its resume interval.
        var delivered = atStandby.Contains(afterKill, StringComparison.Ordinal);
        if (!delivered)
        {
            primary.Restart();
            var deadline = DateTime.UtcNow + Delivery;
            while (!delivered && DateTime.UtcNow < deadline)
            {
                await RsyslogTestCluster.LogAsync(client, "local0.info", Unique("client-while-primary-returns"), ct);
                delivered = await primary.WaitForLogAsync(ovsFile, afterKill, TimeSpan.FromSeconds(3));
            }
            output.WriteLine($"message logged right after the kill: {(delivered ? "delivered to the primary when it returned" : "LOST")}");
        }
        Assert.True(delivered, Diagnose("the message logged right after the kill was lost", cluster));

        var lostForGood = lost.Where(p => !primary.ReadLog(ovsFile).Contains(p, StringComparison.Ordinal)).ToList();
        output.WriteLine($"messages after the kill that no collector wrote: {lostForGood.Count}");

        // Exactly once: every message is in one collector's file, once, and never in the fallback file.
        foreach (var m in new[] { first, afterKill, failedOver!, next })
        {
            var copies = cluster.Collectors.Sum(c => Count(c.ReadLog(ovsFile), m));
            Assert.True(copies == 1, $"{m} written {copies} times");
            Assert.DoesNotContain(m, client.ReadLog(RsyslogConfigs.MessagesFile));
        }
        Assert.DoesNotContain(failedOver, lastStandby.ReadLog(ovsFile));
    }

    private static string Unique(string what) => $"osinstall-{what}-{Guid.NewGuid():N}";

    private static int Count(string text, string value) => text.Split(value).Length - 1;

    private static string Diagnose(string problem, RsyslogTestCluster cluster) =>
        problem + "\n" + string.Join("\n", cluster.Collectors.Append(cluster.Client).Select(i =>
            $"--- {i.Name} ({(i.Running ? "running" : "stopped")}) output:\n{i.Output}\n--- {i.Name} log files: " +
            string.Join(", ", Directory.EnumerateFiles(i.LogDirectory).Select(Path.GetFileName))));
}
