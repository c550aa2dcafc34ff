using OsInstall.Common.Config;
using OsInstall.Common.Dns;
using OsInstall.Common.Targets;
using OsInstall.Components.Compute;
using OsInstall.Tests.Dns;
using Xunit;

namespace OsInstall.Tests.Compute;

/// <summary>The nodes' DNS records: asked for while an edit runs, they go into one edit; each node keeps its own outcome.</summary>
public sealed class NodeDnsBatchesTests
{
    private const string Forward = "/var/bind/pri/compute.zone";
    private const string Reverse = "/var/bind/pri/compute-reverse.zone";

    [Fact]
    public async Task Records_asked_for_during_an_edit_are_applied_together_in_the_next_one()
    {
        using var firstReload = new ManualResetEventSlim();
        var (target, dns) = Primary(firstReload);
        var batches = new NodeDnsBatches();

        var first = batches.ApplyAsync(dns, DnsChange.SetHost("compute-1", "10.1.1.101"));
        await WaitUntilAsync(() => target.Commands.Count == 1); // the first edit is reloading, held
        var others = Enumerable.Range(2, 5).Select(i => batches.ApplyAsync(dns, DnsChange.SetHost($"compute-{i}", $"10.1.1.{100 + i}"))).ToList();
        firstReload.Set();
        await Task.WhenAll([first, .. others]);

        // Two edits: the first node's, then the five that waited (each zone read and written once per edit).
        Assert.Equal([Forward, Reverse, Forward, Reverse], target.Reads);
        var forward = ZoneFile.Parse(target.Files[Forward].Content, "oppp.lab");
        var reverse = ZoneFile.Parse(target.Files[Reverse].Content, "1.1.10.in-addr.arpa");
        for (var i = 1; i <= 6; i++)
        {
            Assert.Equal($"10.1.1.{100 + i}", forward.Find($"compute-{i}", "A")[0].Data);
            Assert.Equal($"compute-{i}.oppp.lab.", reverse.Find($"{100 + i}", "PTR")[0].Data);
        }
    }

    [Fact]
    public async Task A_node_whose_records_cannot_be_applied_fails_alone()
    {
        using var firstReload = new ManualResetEventSlim();
        var (target, dns) = Primary(firstReload);
        var batches = new NodeDnsBatches();

        var first = batches.ApplyAsync(dns, DnsChange.SetHost("compute-1", "10.1.1.101"));
        await WaitUntilAsync(() => target.Commands.Count == 1);
        var good = batches.ApplyAsync(dns, DnsChange.SetHost("compute-2", "10.1.1.102"));
        var bad = batches.ApplyAsync(dns, DnsChange.SetHost("compute-3", "192.168.7.3")); // in no reverse zone
        var alsoGood = batches.ApplyAsync(dns, DnsChange.SetHost("compute-4", "10.1.1.104"));
        firstReload.Set();

        await first;
        await good;
        await alsoGood;
        var error = await Assert.ThrowsAsync<ArgumentException>(() => bad);
        Assert.Contains("192.168.7.3", error.Message, StringComparison.Ordinal);
        var forward = ZoneFile.Parse(target.Files[Forward].Content, "oppp.lab");
        Assert.NotEmpty(forward.Find("compute-2", "A"));
        Assert.NotEmpty(forward.Find("compute-4", "A"));
        Assert.Empty(forward.Find("compute-3", "A"));
    }

    // controller-1 with the compute network's zones; the first rndc reload waits for the test.
    private static (MemoryTarget Target, DnsRecordService Service) Primary(ManualResetEventSlim firstReload)
    {
        var reloads = 0;
        var target = new MemoryTarget("controller-1", command =>
        {
            if (Interlocked.Increment(ref reloads) == 1)
            {
                firstReload.Wait(TimeSpan.FromSeconds(30));
            }
            return new CommandResult(0, "", "", TimeSpan.Zero);
        });
        const string empty = "$TTL 600\n@ IN SOA ns.oppp.lab. root.oppp.lab. ( 2026010101 86400 7200 3600000 3600 )\n@ IN NS ns.oppp.lab.\n";
        var spec = new FileSpec("0644", "root", "named");
        target.Files[Forward] = (empty + "ns IN A 10.1.1.1\n", spec);
        target.Files[Reverse] = (empty, spec);
        target.Files["/var/bind/pri/internal-reverse.zone"] = (empty, spec);
        var config = new ClusterConfig
        {
            Cluster = { Domain = "oppp.lab" },
            Networks = { Internal = { Cidr = "10.0.0.0/24" }, Compute = { Cidr = "10.1.1.0/24" } },
        };
        return (target, DnsRecordService.ForConfig(target, config, new DnsServiceOptions { Clock = FixedClock.Nov25 }));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met within 10s");
            await Task.Delay(10);
        }
    }
}
