using OsInstall.Common.Config;
using Xunit;

namespace OsInstall.Tests.Pxe;

public sealed class IpxeRuleTests
{
    private static IReadOnlyList<ConfigError> Errors(params (string Find, string Replace)[] edits) =>
        ConfigLoader.LoadText(PxeRender.Yaml(edits)).Errors;

    private static void One(IReadOnlyList<ConfigError> errors, string path, string words)
    {
        Assert.True(errors.Count == 1, string.Join('\n', errors));
        Assert.Equal(path, errors[0].Path);
        Assert.Contains(words, errors[0].Message, StringComparison.Ordinal);
        Assert.True(errors[0].Line > 0);
    }

    [Fact]
    public void The_shipped_config_and_the_test_variants_are_valid()
    {
        Assert.Empty(ConfigLoader.LoadText(PxeRender.Yaml()).Errors);
        Assert.Empty(ConfigLoader.LoadText(PxeRender.WithMacsAndPool()).Errors);
        Assert.Empty(ConfigLoader.LoadText(PxeRender.WithLocalMirror()).Errors);
    }

    [Fact]
    public void A_malformed_mac_is_named() =>
        One(Errors(("    address: 10.1.1.4\n", "    address: 10.1.1.4\n    mac: 52:54:00:00:04\n")), "compute_nodes[0].mac", "not a valid MAC");

    [Fact]
    public void A_multicast_mac_is_refused() =>
        One(Errors(("    address: 10.1.1.4\n", "    address: 10.1.1.4\n    mac: \"01:54:00:00:00:04\"\n")), "compute_nodes[0].mac", "multicast");

    [Fact]
    public void The_same_mac_on_two_nodes_is_refused() =>
        One(Errors(
            ("    address: 10.1.1.4\n", "    address: 10.1.1.4\n    mac: \"52:54:00:00:00:04\"\n"),
            ("    address: 10.1.1.5\n", "    address: 10.1.1.5\n    mac: \"52:54:00:00:00:04\"\n")), "compute_nodes[1].mac", "duplicate MAC");

    [Fact]
    public void A_pool_needs_both_ends() =>
        One(Errors(("  dhcp_range_start: \"\"", "  dhcp_range_start: 10.1.1.200")), "ipxe.dhcp_range_end", "needs both ends");

    [Fact]
    public void A_pool_outside_the_compute_network_is_refused() =>
        One(Errors(("  dhcp_range_start: \"\"", "  dhcp_range_start: 10.1.2.200"), ("  dhcp_range_end: \"\"", "  dhcp_range_end: 10.1.1.220")),
            "ipxe.dhcp_range_start", "outside its network");

    [Fact]
    public void A_pool_ending_before_it_starts_is_refused() =>
        One(Errors(("  dhcp_range_start: \"\"", "  dhcp_range_start: 10.1.1.220"), ("  dhcp_range_end: \"\"", "  dhcp_range_end: 10.1.1.200")),
            "ipxe.dhcp_range_end", "before it starts");

    [Fact]
    public void A_partition_is_not_an_install_disk()
    {
        One(Errors(("  install_disk: /dev/sda ", "  install_disk: /dev/sda1 ")), "ipxe.install_disk", "not a partition");
        One(Errors(("  install_disk: /dev/sda ", "  install_disk: /dev/nvme0n1p2 ")), "ipxe.install_disk", "not a partition");
        One(Errors(("  install_disk: /dev/sda ", "  install_disk: \"/dev/sda;reboot\" ")), "ipxe.install_disk", "whole-disk device");
        Assert.Empty(Errors(("  install_disk: /dev/sda ", "  install_disk: /dev/nvme0n1 ")));
    }

    [Fact]
    public void A_console_with_shell_characters_is_refused() =>
        One(Errors(("    - tty0", "    - \"tty0 init=/bin/sh\"")), "ipxe.consoles[0]", "not a kernel console");

    [Fact]
    public void An_http_port_out_of_range_is_refused() =>
        One(Errors(("  http_port: 8080 ", "  http_port: 0 ")), "ipxe.http_port", "out of range");

    [Fact]
    public void A_bad_interface_name_is_refused() =>
        One(Errors(("  interface: eth0                # controller-1", "  interface: \"eth0 eth1\"  # controller-1")), "ipxe.interface", "not a valid network interface name");

    [Fact]
    public void A_dollar_in_the_mirror_is_refused_because_ipxe_expands_it() =>
        One(Errors(("  mirror: https://dl-cdn.alpinelinux.org/alpine", "  mirror: https://mirror.example/${net0/mac}/alpine")), "ipxe.mirror", "iPXE would expand it");
}
