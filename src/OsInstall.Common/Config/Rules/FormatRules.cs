namespace OsInstall.Common.Config.Rules;

/// <summary>MACs and OUIs, sizes, UUIDs, URLs, interface and object names, e-mail addresses.</summary>
public static class FormatRules
{
    public static void Check(ValidationContext ctx)
    {
        var c = ctx.Config;
        var n = c.Networks;

        Oui(ctx, "networks.mac_oui", n.MacOui);
        Oui(ctx, "networks.mac_oui_manual", n.MacOuiManual);
        var macs = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (path, value) in new[]
        {
            ("networks.internal.gateway_mac", n.Internal.GatewayMac),
            ("networks.internal.dhcp_server_mac", n.Internal.DhcpServerMac),
            ("networks.compute.router_port_mac", n.Compute.RouterPortMac),
            ("networks.compute.gateway_mac", n.Compute.GatewayMac),
            ("networks.provider.router_port_mac", n.Provider.RouterPortMac),
            ("ovn.inter_router_compute_mac", c.Ovn.InterRouterComputeMac),
            ("ovn.inter_router_provider_mac", c.Ovn.InterRouterProviderMac),
        })
        {
            if (!ctx.Usable(path, value))
            {
                continue;
            }
            if (!TextFormats.IsMac(value))
            {
                ctx.Report(path, $"'{value}' is not a valid MAC address: expected six hex octets separated by ':', e.g. 2e:75:05:06:00:00");
            }
            else if (IsMulticast(value))
            {
                ctx.Report(path, $"MAC address {value} has the multicast bit set (odd first octet); a port needs a unicast MAC");
            }
            else if (macs.TryGetValue(value, out var other))
            {
                ctx.Report(path, $"duplicate MAC address {value}: also {other} (line {ctx.Locations.Find(other).Line})");
            }
            else
            {
                macs[value] = path;
            }
        }

        Size(ctx, "lxc.rootfs_size", c.Lxc.RootfsSize);
        foreach (var (container, size) in c.Lxc.RootfsSizes)
        {
            var path = $"lxc.rootfs_sizes.{container}";
            if (!TextFormats.IsDnsLabel(container))
            {
                ctx.Report(path, $"'{container}' is not a valid container name: letters, digits and '-'");
            }
            Size(ctx, path, size);
        }
        Size(ctx, "rsyslog.queue_max_disk_space", c.Rsyslog.QueueMaxDiskSpace);
        Size(ctx, "lxc.journal_vacuum_size", c.Lxc.JournalVacuumSize);

        Uuid(ctx, "ceph.cluster_id", c.Ceph.ClusterId);
        Uuid(ctx, "ceph.cinder_secret_uuid", c.Ceph.CinderSecretUuid);
        // Written on every host, passed to rbd and the containers' config, and lands in oslo configs
        // (cinder, glance, nova) where '$' would be substituted: plain names only, like ipxe.tftp_root.
        if (ctx.Usable("ceph.conf_path", c.Ceph.ConfPath) && !TextFormats.IsAbsolutePath(c.Ceph.ConfPath))
        {
            ctx.Report("ceph.conf_path", $"'{c.Ceph.ConfPath}' is not an absolute path of plain names (letters, digits, '.', '_', '+', '-'): expected e.g. /etc/ceph/ceph.conf");
        }

        foreach (var (path, value) in new[]
        {
            ("versions.alpine_mirror", c.Versions.AlpineMirror),
            ("versions.git_repo_url", c.Versions.GitRepoUrl),
            ("versions.upper_constraints_url", c.Versions.UpperConstraintsUrl),
            ("versions.ovs_git_repo", c.Versions.OvsGitRepo),
            ("versions.ovn_git_repo", c.Versions.OvnGitRepo),
            ("versions.qemu_git_repo", c.Versions.QemuGitRepo),
            ("sample_vm.image_url", c.SampleVm.ImageUrl),
            ("ipxe.mirror", c.Ipxe.Mirror),
            ("ipxe.boot_url", c.Ipxe.BootUrl),
            ("lxc.ubuntu_mirror", c.Lxc.UbuntuMirror),
            ("versions.mariadb_mirror", c.Versions.MariadbMirror),
            ("versions.mariadb_key_url", c.Versions.MariadbKeyUrl),
        })
        {
            if (ctx.Usable(path, value) && !TextFormats.IsHttpUrl(value))
            {
                ctx.Report(path, $"'{value}' is not an absolute http(s) URL: expected e.g. https://host/path");
            }
        }

        foreach (var (path, value) in new[]
        {
            ("networks.compute.interface", n.Compute.Interface),
            ("networks.compute.ovs_bridging_interface", n.Compute.OvsBridgingInterface),
            ("networks.provider.interface", n.Provider.Interface),
            ("openstack.keepalived_interface", c.Openstack.KeepalivedInterface),
        })
        {
            if (ctx.Usable(path, value) && !TextFormats.IsInterfaceName(value))
            {
                ctx.Report(path, $"'{value}' is not a valid network interface name: 1-15 letters, digits, '.', '_' or '-'");
            }
        }

        foreach (var (path, value) in new[]
        {
            ("cluster.region", c.Cluster.Region),
            ("ssh.user", c.Ssh.User),
            ("networks.internal.bridge", n.Internal.Bridge),
            ("networks.compute.bridge", n.Compute.Bridge),
            ("networks.provider.bridge", n.Provider.Bridge),
            ("ovn.router_provider", c.Ovn.RouterProvider),
            ("ovn.router_compute", c.Ovn.RouterCompute),
            ("ceph.client", c.Ceph.Client),
            ("ceph.rbd_pool", c.Ceph.RbdPool),
            ("ceph.glance_client", c.Ceph.GlanceClient),
            ("ceph.glance_pool", c.Ceph.GlancePool),
            ("ceph.cinder_client", c.Ceph.CinderClient),
            ("ceph.cinder_pool", c.Ceph.CinderPool),
            ("lxc.dist", c.Lxc.Dist),
            ("lxc.release", c.Lxc.Release),
            ("lxc.arch", c.Lxc.Arch),
            ("sample_vm.name", c.SampleVm.Name),
            ("sample_vm.internal_network_name", c.SampleVm.InternalNetworkName),
            ("sample_vm.external_network_name", c.SampleVm.ExternalNetworkName),
            ("sample_vm.flavor_name", c.SampleVm.FlavorName),
            ("sample_vm.router_name", c.SampleVm.RouterName),
            ("sample_vm.security_group_name", c.SampleVm.SecurityGroupName),
            ("sample_vm.keypair_name", c.SampleVm.KeypairName),
            ("openstack.demo_project", c.Openstack.DemoProject),
            ("openstack.demo_user", c.Openstack.DemoUser),
            ("openstack.demo_role", c.Openstack.DemoRole),
            ("lxc.ubuntu_release", c.Lxc.UbuntuRelease),
        })
        {
            if (ctx.Usable(path, value) && !TextFormats.IsPlainName(value))
            {
                ctx.Report(path, $"'{value}' is not a plain name: use letters, digits, '.', '_' and '-' only (it becomes an identifier on the hosts)");
            }
        }

        VersionRules(ctx, c.Versions);
        if (ctx.Usable("cluster.time_zone", c.Cluster.TimeZone) && !TextFormats.IsTimeZone(c.Cluster.TimeZone))
        {
            ctx.Report("cluster.time_zone", $"'{c.Cluster.TimeZone}' is not a time zone name: expected e.g. UTC or Europe/London");
        }
        var smtp = c.Openstack.KeepalivedSmtpServer;
        if (ctx.Usable("openstack.keepalived_smtp_server", smtp) && !Ipv4Address.TryParse(smtp, out _) && !TextFormats.IsDnsLabel(smtp) && !TextFormats.IsDnsName(smtp))
        {
            ctx.Report("openstack.keepalived_smtp_server", $"'{smtp}' is neither an IPv4 address nor a host name");
        }
        if (ctx.Usable("ipxe.tftp_root", c.Ipxe.TftpRoot) && !TextFormats.IsAbsolutePath(c.Ipxe.TftpRoot))
        {
            ctx.Report("ipxe.tftp_root", $"'{c.Ipxe.TftpRoot}' is not an absolute path of plain names: expected e.g. /var/lib/tftpboot");
        }
        Email(ctx, "openstack.keepalived_notification_email", c.Openstack.KeepalivedNotificationEmail);
        Email(ctx, "openstack.keepalived_email_from", c.Openstack.KeepalivedEmailFrom);
    }

    private static void VersionRules(ValidationContext ctx, VersionsSection v)
    {
        foreach (var (path, value) in new[]
        {
            ("versions.openstack_release", v.OpenstackRelease),
            ("versions.openstack_client", v.OpenstackClient),
            ("versions.osc_placement", v.OscPlacement),
            ("versions.rabbitmq", v.Rabbitmq),
            ("versions.memcached", v.Memcached),
            ("versions.haproxy", v.Haproxy),
            ("versions.keepalived", v.Keepalived),
            ("versions.mariadb", v.Mariadb),
        })
        {
            if (ctx.Usable(path, value) && !TextFormats.IsVersion(value))
            {
                ctx.Report(path, $"'{value}' is not a version: expected letters, digits and . _ + ~ -, e.g. 4.0.5");
            }
        }
        foreach (var (path, value) in new[]
        {
            ("versions.openstack_git_branch", v.OpenstackGitBranch),
            ("versions.ovs_ref", v.OvsRef),
            ("versions.ovn_ref", v.OvnRef),
            ("versions.qemu_ref", v.QemuRef), // empty (the default): Alpine's qemu version
        })
        {
            if (ctx.Usable(path, value) && !TextFormats.IsGitRef(value))
            {
                ctx.Report(path, $"'{value}' is not a git branch or tag name: expected e.g. stable/2026.1 or v3.5.0");
            }
        }
        // The containers install Alpine's postgresqlNN packages and run /usr/libexec/postgresqlNN/*.
        if (ctx.Usable("versions.postgres", v.Postgres) && !TextFormats.IsMajorVersion(v.Postgres))
        {
            ctx.Report("versions.postgres", $"'{v.Postgres}' is not a PostgreSQL major version: expected a number, e.g. 17 (Alpine's packages are postgresql17...)");
        }
    }

    internal static bool IsMulticast(string mac) => (Convert.ToInt32(mac[..2], 16) & 1) == 1;

    private static void Oui(ValidationContext ctx, string path, string value)
    {
        if (!ctx.Usable(path, value))
        {
            return;
        }
        if (!TextFormats.IsOui(value))
        {
            ctx.Report(path, $"'{value}' is not a valid MAC OUI: expected three hex octets separated by ':', e.g. 2e:75:06");
        }
        else if (IsMulticast(value))
        {
            ctx.Report(path, $"MAC OUI {value} has the multicast bit set (odd first octet); ports need unicast MACs");
        }
    }

    private static void Size(ValidationContext ctx, string path, string value)
    {
        if (!ctx.Locations.HasFailed(path) && !TextFormats.IsSize(value))
        {
            ctx.Report(path, $"'{value}' is not a size: expected a number and a unit K, M, G or T, e.g. 1G or 512M");
        }
    }

    private static void Uuid(ValidationContext ctx, string path, string value)
    {
        if (ctx.Usable(path, value) && !TextFormats.IsUuid(value))
        {
            ctx.Report(path, $"'{value}' is not a UUID: expected 8-4-4-4-12 hex digits, e.g. a78b24d5-0da6-4aa1-9188-2a6b4262a015");
        }
    }

    private static void Email(ValidationContext ctx, string path, string value)
    {
        if (ctx.Usable(path, value) && !TextFormats.IsEmail(value))
        {
            ctx.Report(path, $"'{value}' is not an e-mail address: expected user@domain");
        }
    }
}
