using Xunit;
using static OsInstall.Tests.Config.ShippedConfig;

namespace OsInstall.Tests.Config;

/// <summary>Hosts: controller count, names, domain, per-host SSH port. One test per rule.</summary>
public sealed class HostRuleTests
{
    [Fact]
    public void Controller_count_other_than_three_is_reported_with_why()
    {
        var controllersLine = Edit("controllers:", "controllers:").Line;
        var (errors, _) = LoadEdited("  - name: o3p-os-controller-3\n    address: 10.1.1.3\n", "");
        Single(errors, "controllers", controllersLine, "2 controller(s) listed", "exactly 3", "quorum");
    }

    [Fact]
    public void Empty_compute_node_list_is_reported() =>
        Expect("compute_nodes:                   # hypervisors\n  - name: o3p-os-compute-1\n    address: 10.1.1.4\n  - name: o3p-os-compute-2\n    address: 10.1.1.5\n",
            "compute_nodes: []\n", "compute_nodes", "no compute nodes", "at least one");

    [Fact]
    public void Duplicate_host_name_is_reported_with_the_other_host() =>
        Expect("  - name: o3p-os-compute-2", "  - name: o3p-os-controller-2", "compute_nodes[1].name", "duplicate host name 'o3p-os-controller-2'", "controllers[1].name");

    [Fact]
    public void Host_name_that_is_not_a_dns_label_is_reported() =>
        Expect("  - name: o3p-os-controller-2", "  - name: o3p_os_controller_2", "controllers[1].name", "not a valid DNS label", "1-63");

    [Fact]
    public void Cluster_domain_that_is_not_a_dns_name_is_reported() =>
        Expect("  domain: oppp.lab", "  domain: oppp..lab", "cluster.domain", "'oppp..lab' is not a valid DNS domain");

    [Fact]
    public void Host_ssh_port_out_of_range_is_reported()
    {
        var (errors, line) = LoadEdited("    address: 10.1.1.2\n", "    address: 10.1.1.2\n    ssh_port: 70000\n");
        Single(errors, "controllers[1].ssh_port", line + 1, "port 70000 is out of range", "1 to 65535");
    }
}
