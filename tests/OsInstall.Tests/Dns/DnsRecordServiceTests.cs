using OsInstall.Common.Config;
using OsInstall.Common.Dns;
using OsInstall.Common.Targets;
using Xunit;

namespace OsInstall.Tests.Dns;

public sealed class DnsRecordServiceTests
{
    private const string Forward = "/var/bind/pri/compute.zone";
    private const string Internal = "/var/bind/pri/internal-reverse.zone";
    private const string Compute = "/var/bind/pri/compute-reverse.zone";

    private static readonly FileSpec Spec = new("0644", "root", "named");

    private static ClusterConfig Config() => new()
    {
        Cluster = { Domain = "oppp.lab" },
        Networks = { Internal = { Cidr = "10.0.0.0/24" }, Compute = { Cidr = "10.1.1.0/24" } },
    };

    private static string EmptyZone(long serial = 2026010101) =>
        $"$TTL 600\n@ IN SOA ns.oppp.lab. root.oppp.lab. ( {serial} 86400 7200 3600000 3600 )\n@ IN NS ns.oppp.lab.\n";

    private static (MemoryTarget Target, DnsRecordService Service) Setup(DnsServiceOptions? options = null)
    {
        var target = new MemoryTarget("controller-1");
        target.Files[Forward] = (EmptyZone() + "ns IN A 10.1.1.1\n", Spec);
        target.Files[Internal] = (EmptyZone(), Spec);
        target.Files[Compute] = (EmptyZone(), Spec);
        var service = DnsRecordService.ForConfig(target, Config(), options ?? new DnsServiceOptions { Clock = FixedClock.Nov25 });
        return (target, service);
    }

    private static ZoneFile Zone(MemoryTarget t, string path, string origin) => ZoneFile.Parse(t.Files[path].Content, origin);

    [Fact]
    public async Task A_batch_reads_writes_and_reloads_each_zone_once()
    {
        var (t, svc) = Setup();
        var result = await svc.ApplyAsync([.. DnsChange.SetHost("keystone-1", "10.0.0.10"), .. DnsChange.SetHost("glance-1", "10.0.0.11")]);

        Assert.Equal(["oppp.lab", "0.0.10.in-addr.arpa"], result.ChangedZones);
        Assert.Equal([Forward, Internal], t.Reads);
        Assert.Equal([Forward, Internal], t.Writes);
        Assert.Equal(["rndc reload oppp.lab", "rndc reload 0.0.10.in-addr.arpa"], t.Commands);
        var forward = Zone(t, Forward, "oppp.lab");
        Assert.Equal(2026112501, forward.Soa.Serial);
        Assert.Equal("10.0.0.11", forward.Find("glance-1", "A")[0].Data);
        var reverse = Zone(t, Internal, "0.0.10.in-addr.arpa");
        Assert.Equal("keystone-1.oppp.lab.", reverse.Find("10", "PTR")[0].Data);
        Assert.Equal(2026112501, reverse.Soa.Serial);
        Assert.Equal(2026010101, Zone(t, Compute, "1.1.10.in-addr.arpa").Soa.Serial);
    }

    [Fact]
    public async Task Adding_what_exists_writes_nothing_and_keeps_the_serial()
    {
        var (t, svc) = Setup();
        await svc.AddOrReplaceHostAsync("keystone-1", "10.0.0.10");
        t.Writes.Clear();
        t.Commands.Clear();

        Assert.False(await svc.AddOrReplaceHostAsync("keystone-1", "10.0.0.10"));
        Assert.False(await svc.AddOrReplaceAAsync("ns", "10.1.1.1"));
        Assert.Empty(t.Writes);
        Assert.Empty(t.Commands);
        Assert.Equal(2026112501, Zone(t, Forward, "oppp.lab").Soa.Serial);
    }

    [Fact]
    public async Task A_new_address_replaces_the_a_record_and_the_stale_ptr()
    {
        var (t, svc) = Setup();
        await svc.AddOrReplaceHostAsync("keystone-1", "10.0.0.10");
        Assert.True(await svc.AddOrReplaceHostAsync("keystone-1", "10.0.0.12"));

        Assert.Equal("10.0.0.12", Assert.Single(Zone(t, Forward, "oppp.lab").Find("keystone-1", "A")).Data);
        var reverse = Zone(t, Internal, "0.0.10.in-addr.arpa");
        Assert.Empty(reverse.Find("10", "PTR"));
        Assert.Equal("keystone-1.oppp.lab.", Assert.Single(reverse.Find("12", "PTR")).Data);
        Assert.Equal(2026112502, reverse.Soa.Serial);
    }

    [Fact]
    public async Task Delete_removes_a_and_ptr_in_every_reverse_zone()
    {
        var (t, svc) = Setup();
        await svc.ApplyAsync([.. DnsChange.SetHost("compute-9", "10.1.1.9"), DnsChange.SetPtr("10.0.0.9", "compute-9")]);
        Assert.True(await svc.DeleteHostAsync("compute-9"));

        Assert.Empty(Zone(t, Forward, "oppp.lab").Find("compute-9", "A"));
        Assert.DoesNotContain(Zone(t, Compute, "1.1.10.in-addr.arpa").Records, r => r.Type == "PTR");
        Assert.DoesNotContain(Zone(t, Internal, "0.0.10.in-addr.arpa").Records, r => r.Type == "PTR");
        Assert.False(await svc.DeleteAAsync("compute-9"));
        Assert.False(await svc.DeletePtrAsync("compute-9"));
    }

    [Fact]
    public async Task Ptr_lands_in_the_reverse_zone_of_its_network()
    {
        var (t, svc) = Setup();
        Assert.True(await svc.AddOrReplacePtrAsync("10.1.1.4", "o3p-os-compute-1"));
        Assert.Equal("o3p-os-compute-1.oppp.lab.", Zone(t, Compute, "1.1.10.in-addr.arpa").Find("4", "PTR")[0].Data);
        Assert.Equal([Compute], t.Writes);
    }

    [Fact]
    public async Task Bump_serial_writes_and_reloads()
    {
        var (t, svc) = Setup();
        Assert.Equal(2026112501, await svc.BumpSerialAsync("1.1.10.in-addr.arpa."));
        Assert.Equal(2026112502, await svc.BumpSerialAsync("1.1.10.in-addr.arpa"));
        Assert.Equal(["rndc reload 1.1.10.in-addr.arpa", "rndc reload 1.1.10.in-addr.arpa"], t.Commands);
    }

    [Fact]
    public async Task Without_reload_nothing_runs()
    {
        var (t, svc) = Setup();
        var result = await svc.ApplyAsync(DnsChange.SetHost("keystone-1", "10.0.0.10"), reload: false);
        Assert.True(result.Changed);
        Assert.Empty(t.Commands);
    }

    [Fact]
    public async Task Rndc_words_are_quoted()
    {
        var (t, svc) = Setup(new DnsServiceOptions { Clock = FixedClock.Nov25, Rndc = ["rndc", "-k", "/tmp/my dir/rndc.key"] });
        await svc.AddOrReplaceAAsync("keystone-1", "10.0.0.10");
        Assert.Equal(["rndc -k '/tmp/my dir/rndc.key' reload oppp.lab"], t.Commands);
    }

    [Fact]
    public async Task Missing_zone_is_an_error_unless_a_creator_is_given()
    {
        var (t, svc) = Setup();
        t.Files.Remove(Forward);
        await Assert.ThrowsAsync<DnsZoneMissingException>(() => svc.AddOrReplaceAAsync("keystone-1", "10.0.0.10"));

        var creating = DnsRecordService.ForConfig(t, Config(), new DnsServiceOptions
        {
            Clock = FixedClock.Nov25,
            CreateMissingZone = z => EmptyZone(2026112501) + "ns IN A 10.1.1.1\n",
        });
        var result = await creating.ApplyAsync(DnsChange.SetHost("keystone-1", "10.0.0.10"));
        Assert.Equal(["oppp.lab"], result.CreatedZones);
        Assert.Equal(["0.0.10.in-addr.arpa"], result.ChangedZones);
        Assert.Equal(["rndc reload 0.0.10.in-addr.arpa"], t.Commands);
        var forward = Zone(t, Forward, "oppp.lab");
        Assert.Equal(2026112501, forward.Soa.Serial);
        Assert.Single(forward.Find("keystone-1", "A"));
    }

    [Fact]
    public async Task Names_and_addresses_outside_the_zones_are_refused()
    {
        var (_, svc) = Setup();
        await Assert.ThrowsAsync<ArgumentException>(() => svc.AddOrReplaceAAsync("www.example.com.", "10.0.0.10"));
        await Assert.ThrowsAsync<ArgumentException>(() => svc.AddOrReplacePtrAsync("192.168.1.1", "x"));
        await Assert.ThrowsAsync<ArgumentException>(() => svc.AddOrReplaceAAsync("x", "not-an-ip"));
    }

    [Fact]
    public async Task Parallel_batches_do_not_lose_records()
    {
        var (t, svc) = Setup();
        await Task.WhenAll(Enumerable.Range(20, 20).Select(i => Task.Run(() => svc.AddOrReplaceHostAsync($"c-{i}", $"10.0.0.{i}"))));
        Assert.Equal(20, Zone(t, Forward, "oppp.lab").Records.Count(r => r.Owner.StartsWith("c-", StringComparison.Ordinal)));
        Assert.Equal(20, Zone(t, Internal, "0.0.10.in-addr.arpa").Records.Count(r => r.Type == "PTR"));
    }
}
