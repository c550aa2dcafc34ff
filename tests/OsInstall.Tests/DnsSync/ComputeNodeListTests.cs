using OsInstall.Common.Dns;
using Xunit;

namespace OsInstall.Tests.DnsSync;

/// <summary>Editing compute_nodes as text: both list styles, comments kept, removal exact.</summary>
public sealed class ComputeNodeListTests
{
    private const string Indented = "a: 1\ncompute_nodes:   # hypervisors\n  - name: n1\n    address: 10.1.1.4\n  # spare\n  - name: n2 # second\n    address: 10.1.1.5\n\nnetworks:\n  x: 1\n";

    private const string Compact = "compute_nodes:\n- name: n1\n  address: 10.1.1.4\n  ssh_port: 2201\nvips:\n  haproxy: 1\n";

    [Fact]
    public void Append_follows_the_indented_style_and_keeps_comments()
    {
        var edited = ComputeNodeList.Append(Indented, "n3", "10.1.1.6");
        Assert.Equal("a: 1\ncompute_nodes:   # hypervisors\n  - name: n1\n    address: 10.1.1.4\n  # spare\n  - name: n2 # second\n    address: 10.1.1.5\n  - name: n3\n    address: 10.1.1.6\n\nnetworks:\n  x: 1\n", edited);
    }

    [Fact]
    public void Append_follows_the_compact_style()
    {
        var edited = ComputeNodeList.Append(Compact, "n2", "10.1.1.5");
        Assert.Equal("compute_nodes:\n- name: n1\n  address: 10.1.1.4\n  ssh_port: 2201\n- name: n2\n  address: 10.1.1.5\nvips:\n  haproxy: 1\n", edited);
    }

    [Fact]
    public void Append_to_an_empty_flow_list_starts_a_block_list()
    {
        Assert.Equal("compute_nodes:\n  - name: n1\n    address: 10.1.1.4\nvips: {}\n", ComputeNodeList.Append("compute_nodes: []\nvips: {}\n", "n1", "10.1.1.4"));
    }

    [Fact]
    public void Remove_cuts_exactly_the_item_and_the_round_trip_is_identity()
    {
        Assert.Equal("a: 1\ncompute_nodes:   # hypervisors\n  - name: n1\n    address: 10.1.1.4\n  # spare\n\nnetworks:\n  x: 1\n", ComputeNodeList.Remove(Indented, "n2"));
        Assert.Equal(Indented, ComputeNodeList.Remove(ComputeNodeList.Append(Indented, "n3", "10.1.1.6"), "n3"));
        Assert.Equal(Compact, ComputeNodeList.Remove(ComputeNodeList.Append(Compact, "n9", "10.1.1.9"), "n9"));
        Assert.Equal(Indented, ComputeNodeList.Remove(Indented, "absent"));
    }
}
