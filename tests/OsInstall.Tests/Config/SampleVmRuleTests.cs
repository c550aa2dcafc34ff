using Xunit;
using static OsInstall.Tests.Config.ShippedConfig;

namespace OsInstall.Tests.Config;

/// <summary>The sample VM's networks. One test per rule.</summary>
public sealed class SampleVmRuleTests
{
    [Fact]
    public void Pool_address_outside_the_tenant_network_is_reported() =>
        Expect("  internal_pool_start: 192.168.0.100", "  internal_pool_start: 192.168.1.100", "sample_vm.internal_pool_start", "outside its network", "sample_vm.internal_network_cidr");

    [Fact]
    public void Pool_that_ends_before_it_starts_is_reported() =>
        Expect("  external_pool_end: 10.1.2.219", "  external_pool_end: 10.1.2.200", "sample_vm.external_pool_end", "ends at 10.1.2.200, before it starts", "10.1.2.210");

    [Fact]
    public void Tenant_network_cidr_is_checked() =>
        Expect("  internal_network_cidr: 192.168.0.0/24", "  internal_network_cidr: 192.168.0.1/24", "sample_vm.internal_network_cidr", "host bits set");

    [Fact]
    public void External_network_must_lie_inside_the_provider_network() =>
        Expect("  external_network_cidr: 10.1.2.0/24", "  external_network_cidr: 10.1.0.0/16", "sample_vm.external_network_cidr", "10.1.0.0/16 is not inside networks.provider.cidr 10.1.2.0/24");
}
