using Xunit;
using static OsInstall.Tests.Config.ShippedConfig;

namespace OsInstall.Tests.Config;

/// <summary>Ports and positive numbers. One test per rule.</summary>
public sealed class PortRuleTests
{
    [Fact]
    public void Port_out_of_range_is_reported() =>
        Expect("  port: 10514", "  port: 0", "rsyslog.port", "port 0 is out of range", "1 to 65535");

    [Fact]
    public void Ovn_ports_must_be_distinct() =>
        Expect("  sb_port: 6642", "  sb_port: 6641", "ovn.sb_port", "port 6641 is also ovn.nb_port", "distinct");

    [Fact]
    public void Counts_and_durations_must_be_positive() =>
        Expect("  ttl: 600", "  ttl: 0", "dns.ttl", "0 is not allowed", "at least 1");

    [Fact]
    public void Median_chassis_priority_must_leave_room_within_ovn_range() =>
        Expect("  median_ha_chassis_priority: 16381", "  median_ha_chassis_priority: 40000", "ovn.median_ha_chassis_priority", "40000 is out of range", "0-32767");

    [Fact]
    public void Controller_service_ports_must_not_clash_with_ovn() =>
        Expect("  port: 10514", "  port: 6642", "rsyslog.port", "port 6642 is also ovn.sb_port", "distinct ports");
}
