using OsInstall.Common.Secrets;
using OsInstall.Common.Targets;
using OsInstall.Components.Prepare;
using OsInstall.Tests.TestSupport;
using Xunit;

namespace OsInstall.Tests.Prepare;

public sealed class PrepareDryRunInstallTests
{
    private const string C1 = "o3p-os-controller-1";
    private const string C2 = "o3p-os-controller-2";
    private const string C3 = "o3p-os-controller-3";
    private static readonly string[] Controllers = [C1, C2, C3];

    private static Task<IReadOnlyList<PlannedAction>> InstallAsync() => PrepareHarness.DryRunInstallAsync(PrepareTestConfig.Create());

    [Fact]
    public async Task Every_controller_receives_the_same_set_of_files_with_their_modes()
    {
        var actions = await InstallAsync();
        var expected = new Dictionary<string, string>
        {
            ["/etc/apk/repositories"] = "0644",
            ["/etc/hosts"] = "0644",
            ["/etc/route.conf"] = "0644",
            ["/etc/sysctl.d/90-osinstall.conf"] = "0644",
            ["/etc/security/limits.d/90-osinstall.conf"] = "0644",
            ["/usr/share/lxc/hooks/rbd-device-map"] = "0755",
            ["/usr/share/lxc/hooks/rbd-device-unmap"] = "0755",
            ["/etc/lxc/ovs_up_down"] = "0755",
            ["/usr/share/lxc/config/common.conf.d/00-osinstall.conf"] = "0644",
            ["/etc/network/interfaces"] = "0644",
            ["/etc/ceph/ceph.conf"] = "0644",
            ["/etc/ceph/ceph.client.shareddata.keyring"] = "0400",
            ["/etc/ceph/ceph.client.admin.keyring"] = "0400",
            ["/root/admin-openrc"] = "0600",
            ["/root/user-openrc"] = "0600",
        };
        foreach (var host in Controllers)
        {
            var writes = actions.Writes(host).Where(w => w.Path != PreparePaths.ClientStamp).ToList();
            Assert.Equal(expected.Keys.Order(), writes.Select(w => w.Path!).Order());
            Assert.All(writes, w => Assert.Equal(expected[w.Path!], w.Spec!.Mode));
            Assert.All(writes, w => Assert.Equal(("root", "root"), (w.Spec!.Owner, w.Spec.Group)));
        }
        // Only controller-1 builds the client and stamps it with the versions.
        Assert.Single(actions.Writes(C1), w => w.Path == PreparePaths.ClientStamp);
        Assert.DoesNotContain(actions.Writes(C2), w => w.Path == PreparePaths.ClientStamp);
    }

    [Fact]
    public async Task Hosts_file_names_each_controller_by_its_own_address()
    {
        var actions = await InstallAsync();
        var hosts = actions.Write(C2, "/etc/hosts").Content!;
        Assert.Contains("10.1.1.2\to3p-os-controller-2.oppp.lab o3p-os-controller-2\n", hosts, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1\tlocalhost", hosts, StringComparison.Ordinal);
        Assert.DoesNotContain("10.1.1.1", hosts, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Route_conf_sends_the_internal_network_through_the_compute_router()
    {
        var actions = await InstallAsync();
        Assert.Equal("net 10.0.0.0 netmask 255.255.255.0 gw 10.1.1.99\n", actions.Write(C3, "/etc/route.conf").Content);
        // In a dry run every write "changes", so the service is restarted to pick the new file up.
        Assert.Contains(ExpectedAlpineCommands.EnableAndRestart("staticroute"), actions.Commands(C3));
    }

    [Fact]
    public async Task Ceph_conf_lists_every_monitor_and_the_keyrings_hold_the_keys()
    {
        var actions = await InstallAsync();
        var conf = actions.Write(C1, "/etc/ceph/ceph.conf").Content!;
        Assert.Contains("fsid = 60a9c7d6-73e7-11eb-84e8-61b44d7d6dde\n", conf, StringComparison.Ordinal);
        Assert.Contains("mon_host = [v2:10.1.1.160:3300/0,v1:10.1.1.160:6789/0] [v2:10.1.1.161:3300/0,v1:10.1.1.161:6789/0] [v2:10.1.1.162:3300/0,v1:10.1.1.162:6789/0]\n",
            conf, StringComparison.Ordinal);
        Assert.Equal($"[client.shareddata]\n\tkey = {PrepareTestConfig.CephClientKey}\n", actions.Write(C1, "/etc/ceph/ceph.client.shareddata.keyring").Content);
        Assert.Equal($"[client.admin]\n\tkey = {PrepareTestConfig.CephAdminKey}\n", actions.Write(C1, "/etc/ceph/ceph.client.admin.keyring").Content);
    }

    [Fact]
    public async Task Openrc_files_point_at_keystone_behind_haproxy_with_the_secret_passwords()
    {
        var actions = await InstallAsync();
        var admin = actions.Write(C2, "/root/admin-openrc").Content!;
        Assert.Contains("export OS_USERNAME=admin\n", admin, StringComparison.Ordinal);
        Assert.Contains($"export OS_PASSWORD={PrepareTestConfig.AdminPassword}\n", admin, StringComparison.Ordinal);
        Assert.Contains("export OS_AUTH_URL=http://10.0.0.254:5000/v3\n", admin, StringComparison.Ordinal);
        Assert.Contains("export OS_REGION_NAME=RegionOne\n", admin, StringComparison.Ordinal);
        var user = actions.Write(C2, "/root/user-openrc").Content!;
        Assert.Contains("export OS_PROJECT_NAME=o3p-project\n", user, StringComparison.Ordinal);
        Assert.Contains("export OS_USERNAME=o3p-user\n", user, StringComparison.Ordinal);
        Assert.Contains($"export OS_PASSWORD={PrepareTestConfig.DemoPassword}\n", user, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_secret_value_appears_in_any_command_but_each_reaches_a_file()
    {
        var actions = await InstallAsync();
        foreach (var secret in PrepareTestConfig.SecretValues)
        {
            Assert.DoesNotContain(actions, a => a.Kind != "write" && a.Detail.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(actions, a => a.Kind == "write" && a.Detail.Contains(secret, StringComparison.Ordinal));
            Assert.Contains(actions, a => a.Kind == "write" && a.Content!.Contains(secret, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Files_holding_secrets_are_not_readable_by_others()
    {
        var actions = await InstallAsync();
        var secretFiles = actions.Where(a => a.Kind == "write" && PrepareTestConfig.SecretValues.Any(s => a.Content!.Contains(s, StringComparison.Ordinal)));
        Assert.All(secretFiles, w => Assert.Contains(w.Spec!.Mode, new[] { "0600", "0400" }));
    }

    [Fact]
    public async Task Controller_1_key_is_authorized_on_the_others_only()
    {
        var actions = await InstallAsync();
        Assert.Contains(actions.Commands(C1), c => c.Contains("ssh-keygen -q -t rsa -b 4096 -N '' -f /root/.ssh/id_rsa", StringComparison.Ordinal));
        foreach (var host in new[] { C2, C3 })
        {
            var authorize = Assert.Single(actions.Commands(host), c => c.Contains("authorized_keys", StringComparison.Ordinal));
            Assert.Contains("chmod 700 /root/.ssh", authorize, StringComparison.Ordinal);
            Assert.Contains("chmod 600 /root/.ssh/authorized_keys", authorize, StringComparison.Ordinal);
            Assert.Contains($"grep -qxF '{SshKeyDistribution.DryRunKeyPlaceholder}' /root/.ssh/authorized_keys", authorize, StringComparison.Ordinal);
        }
        Assert.DoesNotContain(actions.Commands(C1), c => c.Contains("authorized_keys", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Packages_getty_bash_and_tun_are_handled_on_every_controller()
    {
        var actions = await InstallAsync();
        foreach (var host in Controllers)
        {
            var commands = actions.Commands(host).ToList();
            Assert.Contains("grep -q '^ttyS0' /etc/inittab", commands);
            Assert.Contains("apk update", commands);
            Assert.Contains("apk upgrade", commands);
            Assert.Contains(ExpectedAlpineCommands.ApkAdd("gettext man-db mlocate e2fsprogs-extra bash linux-tools"), commands);
            Assert.Contains("[ -e /usr/bin/bash ] || ln -s /bin/bash /usr/bin/bash", commands);
            Assert.Contains(ExpectedAlpineCommands.ApkAdd("lxc lxc-templates lxc-download xz eudev ethtool lxc-bridge bridge jq ceph-common"), commands);
            Assert.Contains(ExpectedAlpineCommands.EnableAndStart("udev"), commands);
            Assert.Contains(ExpectedAlpineCommands.EnableAndStart("cgroups"), commands);
            Assert.Contains("grep -qx tun /etc/modules", commands);
            Assert.Contains("grep -q '^tun ' /proc/modules 2>/dev/null || modprobe tun", commands);
            Assert.Contains("sysctl -p /etc/sysctl.d/90-osinstall.conf", commands);
            Assert.DoesNotContain(commands, c => c.Contains("rsyslog", StringComparison.Ordinal) || c.Contains("bind", StringComparison.Ordinal));
        }
        Assert.StartsWith("# Alpine package repositories", actions.Write(C2, "/etc/apk/repositories").Content, StringComparison.Ordinal);
        Assert.Equal(actions.Write(C1, "/etc/apk/repositories").Content, actions.Write(C3, "/etc/apk/repositories").Content);
        Assert.Contains("https://dl-cdn.alpinelinux.org/alpine/v3.22/community\n", actions.Write(C1, "/etc/apk/repositories").Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_client_is_built_in_a_venv_on_controller_1_and_copied_to_the_others_by_scp()
    {
        var actions = await InstallAsync();
        var c1 = actions.Commands(C1).ToList();
        Assert.Contains(ExpectedAlpineCommands.ApkAdd("alpine-sdk python3 python3-dev libffi-dev openssl-dev rust cargo qemu-img curl"), c1);
        Assert.Contains(c1, c => c.EndsWith("|| python3 -m venv /opt/openstack-client; }", StringComparison.Ordinal));
        Assert.Contains("VIRTUAL_ENV=/opt/openstack-client PATH=/opt/openstack-client/bin:\"$PATH\" pip install --no-cache-dir python-openstackclient==8.0.0 osc-placement==4.5.0", c1);
        Assert.Contains("tar -C / -czf /root/python-openstackclient.tar.gz.tmp opt/openstack-client && mv -f /root/python-openstackclient.tar.gz.tmp /root/python-openstackclient.tar.gz", c1);
        Assert.Contains("scp -q -o BatchMode=yes -o StrictHostKeyChecking=accept-new -i /root/.ssh/id_rsa -P 2222 /root/python-openstackclient.tar.gz root@10.1.1.2:/root/python-openstackclient.tar.gz", c1);
        Assert.Contains("scp -q -o BatchMode=yes -o StrictHostKeyChecking=accept-new -i /root/.ssh/id_rsa -P 22 /root/python-openstackclient.tar.gz root@10.1.1.3:/root/python-openstackclient.tar.gz", c1);
        Assert.Equal("python-openstackclient==8.0.0\nosc-placement==4.5.0\n", actions.Write(C1, PreparePaths.ClientStamp).Content);

        var c2 = actions.Commands(C2).ToList();
        Assert.Contains(ExpectedAlpineCommands.ApkAdd("python3 libffi openssl qemu-img curl"), c2);
        Assert.Contains("rm -rf /opt/openstack-client && tar -C / -xzf /root/python-openstackclient.tar.gz && rm -f /root/python-openstackclient.tar.gz", c2);
        Assert.DoesNotContain(c2, c => c.Contains("pip install", StringComparison.Ordinal));
        Assert.All(Controllers, h => Assert.Contains(actions.Commands(h),
            c => c.EndsWith("|| ln -sfn /opt/openstack-client/bin/openstack /usr/bin/openstack", StringComparison.Ordinal)));

        // The tarball is made before it is sent.
        var all = actions.Where(a => a.Kind == "run").Select(a => a.Detail).ToList();
        Assert.True(all.FindIndex(c => c.StartsWith("tar -C / -czf", StringComparison.Ordinal)) < all.FindIndex(c => c.StartsWith("scp", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_dry_run_reboots_nobody_because_no_marker_is_seen()
    {
        var actions = await InstallAsync();
        Assert.DoesNotContain(actions, a => a.Kind == "run" && a.Detail == "reboot");
        Assert.DoesNotContain(actions, a => a.Kind == "wait");
        Assert.All(Controllers, h => Assert.Contains(actions, a => a.Host == h && a.Kind == "read" && a.Detail == PreparePaths.RebootMarker));
    }

    [Fact]
    public async Task A_dry_run_works_before_the_ceph_keys_are_pasted_in()
    {
        var actions = await PrepareHarness.DryRunInstallAsync(PrepareTestConfig.Create(), new SecretStore());
        Assert.Contains("MISSING-SECRET-ceph_client_key", actions.Write(C1, "/etc/ceph/ceph.client.shareddata.keyring").Content, StringComparison.Ordinal);
    }

    [Fact]
    public void Prepare_is_registered_first_for_the_controllers_and_needs_its_secrets()
    {
        var prepare = Assert.Single(OsInstall.Components.ComponentCatalog.All, c => c.Name == "prepare");
        Assert.Equal(10, prepare.Order);
        var config = PrepareTestConfig.Create();
        Assert.Equal(Controllers, prepare.Hosts(config));
        Assert.Equal(new[] { "admin_password", "ceph_admin_key", "ceph_client_key", "demo_password" }, prepare.RequiredSecrets(config).Order());
    }
}
