using OsInstall.Common.Config;
using Xunit;
using static OsInstall.Tests.Config.ShippedConfig;

namespace OsInstall.Tests.Config;

/// <summary>The binder's rules: types, unknown and missing keys, null and oversized values. One test per rule.</summary>
public sealed class StructureRuleTests
{
    private const string ClusterBlock =
        "cluster:\n  domain: oppp.lab               # DNS domain of controllers, compute nodes and containers\n" +
        "  region: RegionOne              # OpenStack region name\n  time_zone: UTC                 # used by horizon (Django TIME_ZONE)\n";

    [Fact]
    public void String_where_a_whole_number_is_expected_names_the_type()
    {
        Expect("  port: 22  ", "  port: twenty-two  ", "ssh.port", "expected a whole number", "'twenty-two'");
    }

    [Fact]
    public void Quoted_text_where_a_whole_number_is_expected_is_reported()
    {
        Expect("  ttl: 600", "  ttl: '10 minutes'", "dns.ttl", "expected a whole number", "the string '10 minutes'");
    }

    [Fact]
    public void String_where_a_boolean_is_expected_names_true_or_false()
    {
        Expect("ready_to_proceed: false", "ready_to_proceed: maybe", "ready_to_proceed", "expected true or false", "'maybe'");
    }

    [Fact]
    public void String_where_a_list_is_expected_says_a_list()
    {
        Expect("  monitors:\n    - 10.1.1.160\n    - 10.1.1.161\n    - 10.1.1.162", "  monitors: 10.1.1.160",
            "ceph.monitors", "expected a list", "'10.1.1.160'");
    }

    [Fact]
    public void String_where_a_map_is_expected_says_a_map()
    {
        Expect(ClusterBlock, "cluster: oppp.lab\n", "cluster", "expected a map", "'oppp.lab'");
    }

    [Fact]
    public void List_where_a_single_value_is_expected_says_so()
    {
        Expect("  region: RegionOne", "  region: [RegionOne, RegionTwo]", "cluster.region", "expected a single value", "a list");
    }

    [Fact]
    public void List_entry_of_the_wrong_shape_is_reported_with_its_index()
    {
        Expect("  - name: o3p-os-compute-2\n    address: 10.1.1.5", "  - o3p-os-compute-2",
            "compute_nodes[1]", "expected a map", "'o3p-os-compute-2'");
    }

    [Fact]
    public void Unknown_key_suggests_the_closest_known_key()
    {
        Expect("  region: RegionOne", "  regoin: RegionOne", "cluster.regoin", "unknown key 'regoin'", "did you mean 'region'?");
    }

    [Fact]
    public void Unknown_key_far_from_any_known_key_lists_the_known_keys()
    {
        Expect("  time_zone: UTC", "  flavour: big", "cluster.flavour", "unknown key 'flavour'", "known keys:", "time_zone");
    }

    [Fact]
    public void Unknown_top_level_section_is_reported()
    {
        Expect("ipxe:\n", "ipxee:\n", "ipxee", "unknown key 'ipxee' at the top level", "did you mean 'ipxe'?");
    }

    [Fact]
    public void Missing_required_key_is_reported_at_its_parent_map()
    {
        var (yaml, _) = Edit("    cidr: 10.0.0.0/24\n", "");
        var parentLine = Edit("  internal:", "  internal:").Line;
        var errors = ConfigLoader.LoadText(yaml).Errors;
        Single(errors, "networks.internal.cidr", parentLine, "required key 'cidr' is missing under 'networks.internal'");
    }

    [Fact]
    public void Missing_required_section_is_reported_once_at_the_top_level()
    {
        var (yaml, _) = Edit("vips:                            # keepalived virtual addresses on the internal network\n  postgres: 10.0.0.253\n  haproxy: 10.0.0.254\n", "");
        var error = Assert.Single(ConfigLoader.LoadText(yaml).Errors);
        Assert.Equal("vips", error.Path);
        Assert.True(error.Line > 0);
        Assert.Contains("required key 'vips' is missing at the top level", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Required_key_without_a_value_is_reported()
    {
        Expect("    cidr: 10.0.0.0/24", "    cidr:", "networks.internal.cidr", "required key 'cidr' has no value");
    }

    [Fact]
    public void Absurdly_long_value_is_refused_with_its_length()
    {
        Expect("  region: RegionOne", "  region: " + new string('x', 5000), "cluster.region", "5000 characters", "at most 4096");
    }

    [Fact]
    public void Facility_without_a_file_name_is_reported()
    {
        Expect("    local7: cinder.log", "    local7:", "rsyslog.facilities.local7", "'local7' has no value");
    }

    [Fact]
    public void List_entry_without_a_value_is_reported()
    {
        Expect("    - 10.1.1.11", "    -", "dns.forwarders[1]", "list entry has no value");
    }
}
