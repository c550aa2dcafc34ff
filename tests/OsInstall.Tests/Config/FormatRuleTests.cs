using Xunit;
using static OsInstall.Tests.Config.ShippedConfig;

namespace OsInstall.Tests.Config;

/// <summary>MACs, OUIs, sizes, UUIDs, URLs, interface and object names, e-mail. One test per rule.</summary>
public sealed class FormatRuleTests
{
    [Fact]
    public void Malformed_mac_address_is_reported() =>
        Expect("    gateway_mac: \"2e:75:05:06:00:00\"", "    gateway_mac: \"2e:75:05:06:00\"", "networks.internal.gateway_mac", "'2e:75:05:06:00' is not a valid MAC address", "six hex octets");

    [Fact]
    public void Multicast_mac_address_is_reported() =>
        Expect("    dhcp_server_mac: \"2e:75:05:03:00:00\"", "    dhcp_server_mac: \"2f:75:05:03:00:00\"", "networks.internal.dhcp_server_mac", "multicast bit");

    [Fact]
    public void Duplicate_mac_address_is_reported() =>
        Expect("    gateway_mac: \"2e:75:05:02:00:00\"", "    gateway_mac: \"2e:75:05:04:00:00\"", "networks.compute.gateway_mac", "duplicate MAC address", "networks.compute.router_port_mac");

    [Fact]
    public void Malformed_oui_is_reported() =>
        Expect("  mac_oui: \"2e:75:06\"", "  mac_oui: \"2e:75\"", "networks.mac_oui", "not a valid MAC OUI", "three hex octets");

    [Fact]
    public void Size_without_unit_letter_is_reported() =>
        Expect("  rootfs_size: 1G", "  rootfs_size: 1GB", "lxc.rootfs_size", "'1GB' is not a size", "1G or 512M");

    [Fact]
    public void Per_container_size_is_checked_too() =>
        Expect("    postgres: 2G", "    postgres: big", "lxc.rootfs_sizes.postgres", "'big' is not a size");

    [Fact]
    public void Cinder_secret_uuid_must_be_a_uuid() =>
        Expect("  cinder_secret_uuid: a78b24d5-0da6-4aa1-9188-2a6b4262a015", "  cinder_secret_uuid: a78b24d5-0da6-4aa1-9188", "ceph.cinder_secret_uuid", "is not a UUID", "8-4-4-4-12");

    [Fact]
    public void Url_must_be_http_or_https() =>
        Expect("  boot_url: https://boot.alpinelinux.org/boot.ipxe", "  boot_url: ftp://boot.alpinelinux.org/boot.ipxe", "ipxe.boot_url", "not an absolute http(s) URL");

    [Fact]
    public void Url_must_be_absolute() =>
        Expect("  git_repo_url: https://opendev.org/openstack", "  git_repo_url: opendev.org/openstack", "versions.git_repo_url", "'opendev.org/openstack' is not an absolute http(s) URL");

    [Fact]
    public void Interface_name_longer_than_fifteen_characters_is_reported() =>
        Expect("    interface: eth0", "    interface: ethernet-interface-0", "networks.compute.interface", "not a valid network interface name", "1-15");

    [Fact]
    public void Ceph_pool_must_be_a_plain_name() =>
        Expect("  rbd_pool: myshareddata", "  rbd_pool: 'my pool'", "ceph.rbd_pool", "'my pool' is not a plain name");

    [Fact]
    public void Notification_email_must_be_an_address() =>
        Expect("  keepalived_notification_email: user@example.com", "  keepalived_notification_email: user at example", "openstack.keepalived_notification_email", "not an e-mail address");

    [Fact]
    public void Ceph_conf_path_must_be_plain_names_no_dollar_for_oslo_config() =>
        Expect("  conf_path: /etc/ceph/ceph.conf", "  conf_path: /etc/ceph/$host.conf", "ceph.conf_path", "not an absolute path of plain names");

    [Fact]
    public void Ceph_conf_path_must_be_absolute() =>
        Expect("  conf_path: /etc/ceph/ceph.conf", "  conf_path: ceph.conf", "ceph.conf_path", "not an absolute path");

    [Fact]
    public void Demo_names_must_be_plain_names() =>
        Expect("  demo_user: o3p-user", "  demo_user: \"o3p user; id\"", "openstack.demo_user", "'o3p user; id' is not a plain name");

    [Fact]
    public void Time_zone_must_be_a_zone_name() =>
        Expect("  time_zone: UTC", "  time_zone: \"UTC+1 (Paris)\"", "cluster.time_zone", "is not a time zone name", "Europe/London");

    [Fact]
    public void Package_version_must_look_like_a_version() =>
        Expect("  rabbitmq: 4.0.5", "  rabbitmq: \"4.0.5 latest\"", "versions.rabbitmq", "'4.0.5 latest' is not a version");

    [Fact]
    public void Git_ref_must_be_a_branch_or_tag_name() =>
        Expect("  ovs_ref: v3.5.0", "  ovs_ref: ../v3.5.0", "versions.ovs_ref", "is not a git branch or tag name");

    [Fact]
    public void Smtp_server_must_be_an_address_or_host_name() =>
        Expect("  keepalived_smtp_server: 127.0.0.1", "  keepalived_smtp_server: \"smtp server\"", "openstack.keepalived_smtp_server", "neither an IPv4 address nor a host name");

    [Fact]
    public void Tftp_root_must_be_an_absolute_path() =>
        Expect("  tftp_root: /var/lib/tftpboot", "  tftp_root: var/lib/tftpboot", "ipxe.tftp_root", "not an absolute path");
}
