using Xunit;
using static OsInstall.Tests.Config.ShippedConfig;

namespace OsInstall.Tests.Config;

/// <summary>Addresses and networks: format, membership, collisions. One test per rule, on the shipped config with one edit.</summary>
public sealed class AddressRuleTests
{
    [Fact]
    public void Malformed_ipv4_address_is_reported() =>
        Expect("    address: 10.1.1.2", "    address: 10.1.1.300", "controllers[1].address", "'10.1.1.300' is not a valid IPv4 address", "0-255");

    [Fact]
    public void Ipv4_address_with_leading_zeros_is_refused() =>
        Expect("    address: 10.1.1.2", "    address: 10.1.1.02", "controllers[1].address", "not a valid IPv4 address", "leading zeros");

    [Fact]
    public void Cidr_without_prefix_is_reported() =>
        Expect("    cidr: 10.1.1.0/24", "    cidr: 10.1.1.0", "networks.compute.cidr", "is not a CIDR", "address/prefix");

    [Fact]
    public void Cidr_with_prefix_over_32_is_reported() =>
        Expect("    cidr: 10.1.2.0/24", "    cidr: 10.1.2.0/40", "networks.provider.cidr", "prefix length '40'", "0 to 32");

    [Fact]
    public void Cidr_with_host_bits_set_is_reported_with_the_network_address() =>
        Expect("    cidr: 10.0.0.0/24", "    cidr: 10.0.0.5/24", "networks.internal.cidr", "host bits set", "10.0.0.0/24");

    [Fact]
    public void Internal_and_compute_prefix_must_be_octet_aligned_for_reverse_zones() =>
        Expect("    cidr: 10.0.0.0/24", "    cidr: 10.0.0.0/23", "networks.internal.cidr", "/23 is not supported", "/8, /16 or /24", "reverse zone");

    [Fact]
    public void Controller_address_outside_the_compute_network_is_reported() =>
        Expect("    address: 10.1.1.2", "    address: 10.1.3.2", "controllers[1].address", "10.1.3.2 is outside its network", "networks.compute.cidr is 10.1.1.0/24");

    [Fact]
    public void Compute_node_address_outside_the_compute_network_is_reported() =>
        Expect("    address: 10.1.1.4", "    address: 10.1.3.4", "compute_nodes[0].address", "outside its network", "networks.compute.cidr");

    [Fact]
    public void Internal_gateway_outside_the_internal_network_is_reported() =>
        Expect("    gateway: 10.0.0.1", "    gateway: 10.0.1.1", "networks.internal.gateway", "outside its network", "networks.internal.cidr is 10.0.0.0/24");

    [Fact]
    public void Postgres_vip_outside_the_internal_network_is_reported() =>
        Expect("  postgres: 10.0.0.253", "  postgres: 10.1.1.253", "vips.postgres", "outside its network", "networks.internal.cidr");

    [Fact]
    public void Haproxy_vip_outside_the_internal_network_is_reported() =>
        Expect("  haproxy: 10.0.0.254", "  haproxy: 10.9.0.254", "vips.haproxy", "outside its network", "networks.internal.cidr");

    [Fact]
    public void Haproxy_proxy_vip_outside_the_compute_network_is_reported() =>
        Expect("  # haproxy_proxy: 10.1.1.100", "  haproxy_proxy: 10.0.0.100", "vips.haproxy_proxy", "outside its network", "networks.compute.cidr");

    [Fact]
    public void Compute_router_port_outside_the_compute_network_is_reported() =>
        Expect("    router_port_ip: 10.1.1.99", "    router_port_ip: 10.1.7.99", "networks.compute.router_port_ip", "outside its network", "networks.compute.cidr");

    [Fact]
    public void Default_gateway_outside_the_compute_network_is_reported() =>
        Expect("    default_gateway: 10.1.1.254", "    default_gateway: 10.1.5.254", "networks.compute.default_gateway", "outside its network", "networks.compute.cidr");

    [Fact]
    public void Provider_gateway_outside_the_provider_network_is_reported() =>
        Expect("    gateway: 10.1.2.128", "    gateway: 10.1.3.128", "networks.provider.gateway", "outside its network", "networks.provider.cidr is 10.1.2.0/24");

    [Fact]
    public void Provider_router_port_outside_the_provider_network_is_reported() =>
        Expect("    router_port_ip: 10.1.2.149", "    router_port_ip: 10.1.3.149", "networks.provider.router_port_ip", "outside its network", "networks.provider.cidr");

    [Fact]
    public void Broadcast_address_is_not_a_host_address() =>
        Expect("    default_gateway: 10.1.1.254", "    default_gateway: 10.1.1.255", "networks.compute.default_gateway", "broadcast address", "10.1.1.0/24");

    [Fact]
    public void Network_address_is_not_a_host_address() =>
        Expect("    gateway: 10.0.0.1", "    gateway: 10.0.0.0", "networks.internal.gateway", "the network address", "use a host address");

    [Fact]
    public void Duplicate_address_across_controllers_and_compute_nodes_is_reported() =>
        Expect("    address: 10.1.1.4", "    address: 10.1.1.2", "compute_nodes[0].address", "duplicate address 10.1.1.2", "controllers[1].address");

    [Fact]
    public void Router_port_reusing_a_host_address_is_reported() =>
        Expect("    router_port_ip: 10.1.1.99", "    router_port_ip: 10.1.1.3", "networks.compute.router_port_ip", "duplicate address 10.1.1.3", "controllers[2].address");

    [Fact]
    public void Vip_colliding_with_a_gateway_is_reported() =>
        Expect("  postgres: 10.0.0.253", "  postgres: 10.0.0.1", "vips.postgres", "VIP collision", "networks.internal.gateway");

    [Fact]
    public void Vips_colliding_with_each_other_are_reported() =>
        Expect("  haproxy: 10.0.0.254", "  haproxy: 10.0.0.253", "vips.haproxy", "VIP collision", "vips.postgres");

    [Fact]
    public void Vip_colliding_with_a_host_address_is_reported() =>
        Expect("  # haproxy_proxy: 10.1.1.100", "  haproxy_proxy: 10.1.1.1", "vips.haproxy_proxy", "VIP collision", "controllers[0].address");

    [Fact]
    public void Overlapping_networks_are_reported() =>
        Expect("    cidr: 10.1.2.0/24", "    cidr: 10.1.0.0/16", "networks.provider.cidr", "overlaps networks.compute.cidr");

    [Fact]
    public void Dns_forwarder_that_is_not_an_ip_is_reported() =>
        Expect("    - 10.1.1.11", "    - dns.google", "dns.forwarders[1]", "'dns.google' is not a valid IPv4 address");

    [Fact]
    public void Ceph_monitor_that_is_not_an_ip_is_reported() =>
        Expect("    - 10.1.1.161", "    - 10.1.1", "ceph.monitors[1]", "'10.1.1' is not a valid IPv4 address");

    [Fact]
    public void Empty_ceph_monitor_list_is_reported() =>
        Expect("  monitors:\n    - 10.1.1.160\n    - 10.1.1.161\n    - 10.1.1.162", "  monitors: []", "ceph.monitors", "no Ceph monitors listed");
}
