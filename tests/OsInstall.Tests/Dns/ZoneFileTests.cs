using OsInstall.Common.Dns;
using Xunit;

namespace OsInstall.Tests.Dns;

public sealed class ZoneFileTests
{
    // Shaped like the zones the original installer wrote, plus what a hand edit might add.
    public const string Sample =
        "; cluster zone\n" +
        "$TTL 10m\n" +
        "@ SOA ns.oppp.lab. root.oppp.lab. (\n" +
        "  2021050101 ; Serial\n" +
        "  86400      ; Refresh\n" +
        "  7200       ; Retry\n" +
        "  3600000    ; Expire\n" +
        "  3600       ; Negative TTL (Minimum)\n" +
        ")\n" +
        "@ NS ns\n" +
        "  NS ns-2\n" +
        "@ IN NS ns-3.oppp.lab.\n" +
        "\n" +
        "ns A 10.1.1.1\n" +
        "ns-2 300 IN A 10.1.1.2\n" +
        "ns-3 IN 300 A 10.1.1.3   ; third\n" +
        "web A 10.0.0.5\n" +
        "\tTXT \"v=a; b\"\n" +
        "keystone-1 A 10.0.0.10\n";

    private static ZoneFile Load() => ZoneFile.Parse(Sample, "oppp.lab");

    [Fact]
    public void Round_trip_is_byte_identical() => Assert.Equal(Sample, Load().Serialize());

    [Fact]
    public void Parses_soa_records_and_inherited_owners()
    {
        var zone = Load();
        Assert.Equal("oppp.lab.", zone.Origin);
        Assert.Equal(2021050101, zone.Soa.Serial);
        Assert.Equal("ns.oppp.lab.", zone.Soa.PrimaryNameServer);
        Assert.Equal(["ns.oppp.lab.", "ns-2.oppp.lab.", "ns-3.oppp.lab."],
            zone.Find("@", "NS").Select(r => ZoneNames.NormalizeData("NS", r.Data, zone.Origin)));
        Assert.Equal("10.1.1.3", Assert.Single(zone.Find("ns-3", "a")).Data);
        Assert.Equal("300", zone.Find("ns-2.oppp.lab.", "A")[0].Ttl);
        var txt = Assert.Single(zone.Find("web", "TXT"));
        Assert.Equal("\"v=a; b\"", txt.Data);
        Assert.True(txt.OwnerInherited);
    }

    [Fact]
    public void Adding_a_new_record_appends_it()
    {
        var zone = Load();
        Assert.True(zone.Set("glance-1", "A", "10.0.0.11"));
        Assert.EndsWith("keystone-1 A 10.0.0.10\nglance-1\tIN\tA\t10.0.0.11\n", zone.Serialize(), StringComparison.Ordinal);
        Assert.Equal("10.0.0.11", Assert.Single(ZoneFile.Parse(zone.Serialize(), "oppp.lab").Find("glance-1", "A")).Data);
    }

    [Fact]
    public void Setting_an_existing_value_changes_nothing()
    {
        var zone = Load();
        Assert.False(zone.Set("keystone-1", "A", "10.0.0.10"));
        Assert.False(zone.Set("KEYSTONE-1.oppp.lab.", "a", "10.0.0.10"));
        Assert.Equal(Sample, zone.Serialize());
    }

    [Fact]
    public void Replacing_keeps_the_position_and_the_other_lines()
    {
        var zone = Load();
        Assert.True(zone.Set("web", "A", "10.0.0.6"));
        var text = zone.Serialize();
        Assert.Contains("web\tIN\tA\t10.0.0.6\n\tTXT \"v=a; b\"\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("10.0.0.5", text, StringComparison.Ordinal);
        Assert.Contains("; Negative TTL (Minimum)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicates_collapse_to_one_record()
    {
        var zone = ZoneFile.Parse(Sample + "keystone-1 A 10.0.0.99\n", "oppp.lab");
        Assert.True(zone.Set("keystone-1", "A", "10.0.0.10"));
        Assert.Equal("10.0.0.10", Assert.Single(zone.Find("keystone-1", "A")).Data);
    }

    [Fact]
    public void Removing_a_record_keeps_the_owner_of_the_line_that_inherited_it()
    {
        var zone = Load();
        Assert.True(zone.Remove("web", "A"));
        var reread = ZoneFile.Parse(zone.Serialize(), "oppp.lab");
        Assert.Empty(reread.Find("web", "A"));
        Assert.Single(reread.Find("web", "TXT"));
        Assert.Single(reread.Find("ns-3", "A"));
    }

    [Fact]
    public void Removing_what_is_not_there_changes_nothing()
    {
        var zone = Load();
        Assert.False(zone.Remove("nova-1", "A"));
        Assert.Equal(Sample, zone.Serialize());
    }

    [Fact]
    public void Ptr_data_compares_as_absolute_names()
    {
        var zone = ZoneFile.Parse("$TTL 600\n@ IN SOA ns.oppp.lab. root.oppp.lab. 1 2 3 4 5\n4 IN PTR o3p-os-compute-1.oppp.lab.\n", "1.1.10.in-addr.arpa");
        Assert.False(zone.Set("4", "PTR", "O3P-OS-COMPUTE-1.oppp.lab."));
        Assert.True(zone.Set("4.1.1.10.in-addr.arpa.", "PTR", "o3p-os-compute-2.oppp.lab."));
        Assert.EndsWith("\n4\tIN\tPTR\to3p-os-compute-2.oppp.lab.\n", zone.Serialize(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("$ORIGIN other.lab.\n")]
    [InlineData("$INCLUDE /etc/passwd\n")]
    [InlineData("@ SOA ns root (1 2 3\n")]
    [InlineData("  A 10.0.0.1\n")]
    public void Unsupported_or_broken_input_is_refused(string text) =>
        Assert.Throws<FormatException>(() => ZoneFile.Parse(text + "@ IN SOA ns.oppp.lab. root.oppp.lab. 1 2 3 4 5\n", "oppp.lab"));

    [Fact]
    public void A_zone_without_soa_is_refused() =>
        Assert.Throws<InvalidOperationException>(() => ZoneFile.Parse("$TTL 600\nns A 10.1.1.1\n", "oppp.lab"));
}
