using OsInstall.Components.Prepare;
using OsInstall.Tests.TestSupport;
using Xunit;

namespace OsInstall.Tests.Prepare;

/// <summary>Uninstall (alpine-post-uninstall.sh without bind and the base image): what goes, what stays.</summary>
public sealed class PrepareUninstallTests : IDisposable
{
    private const string C1 = "o3p-os-controller-1";
    private const string C2 = "o3p-os-controller-2";

    private readonly string logDir = Directory.CreateTempSubdirectory("osinstall-prepare-").FullName;

    public void Dispose() => Directory.Delete(logDir, recursive: true);

    [Fact]
    public async Task Uninstall_removes_prepares_files_services_and_packages_on_every_controller()
    {
        var actions = await PrepareHarness.DryRunUninstallAsync(PrepareTestConfig.Create());
        Assert.DoesNotContain(actions, a => a.Kind == "write");
        foreach (var host in new[] { C1, C2, "o3p-os-controller-3" })
        {
            var commands = actions.Commands(host).ToList();
            Assert.Contains("rm -f /root/admin-openrc /root/user-openrc", commands);
            Assert.Contains("rm -rf /opt/openstack-client /root/python-openstackclient.tar.gz /root/python-openstackclient.tar.gz.tmp", commands);
            Assert.Contains("rm -f /etc/ceph/ceph.conf /etc/ceph/ceph.client.shareddata.keyring /etc/ceph/ceph.client.admin.keyring", commands);
            Assert.Contains(ExpectedAlpineCommands.StopAndDisable("udev"), commands);
            Assert.Contains(ExpectedAlpineCommands.StopAndDisable("cgroups"), commands);
            Assert.Contains(ExpectedAlpineCommands.ApkDel("lxc lxc-templates lxc-download xz eudev ethtool lxc-bridge bridge jq ceph-common libcap-ng"), commands);
            Assert.Contains("rm -f /etc/sysctl.d/90-osinstall.conf /etc/security/limits.d/90-osinstall.conf", commands);
            Assert.Contains("rm -f /etc/route.conf", commands);
            Assert.Contains("if [ -n \"$(ip route show 10.0.0.0/24 2>/dev/null)\" ]; then ip route del 10.0.0.0/24; fi", commands);
            Assert.Contains(ExpectedAlpineCommands.ApkDel("gettext man-db mlocate"), commands);
            // The staticroute service takes its routes down while route.conf still lists them.
            Assert.InRange(commands.IndexOf(ExpectedAlpineCommands.StopAndDisable("staticroute")), 0, commands.IndexOf("rm -f /etc/route.conf") - 1);
        }
        Assert.Contains(ExpectedAlpineCommands.ApkDel("alpine-sdk python3 python3-dev libffi-dev openssl-dev rust cargo qemu-img curl"), actions.Commands(C1));
        Assert.Contains(ExpectedAlpineCommands.ApkDel("python3 libffi openssl qemu-img curl"), actions.Commands(C2));
    }

    [Fact]
    public async Task Uninstall_leaves_what_the_host_or_other_components_still_need()
    {
        var commands = (await PrepareHarness.DryRunUninstallAsync(PrepareTestConfig.Create())).Where(a => a.Kind == "run").Select(a => a.Detail).ToList();
        foreach (var kept in new[] { "/etc/network/interfaces", "/etc/hosts", "/etc/apk/repositories", "authorized_keys", "/var/lib/lxc ", "bind", "rsyslog", "reboot" })
        {
            Assert.DoesNotContain(commands, c => c.Contains($"rm -rf {kept}", StringComparison.Ordinal) || c.Contains($"rm -f {kept}", StringComparison.Ordinal)
                || (kept is "bind" or "rsyslog" or "reboot" && c.Contains(kept, StringComparison.Ordinal)));
        }
        Assert.Contains(commands, c => c.Contains("rmdir /var/lib/lxc 2>/dev/null || true", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Uninstall_runs_twice_without_failing()
    {
        var config = PrepareTestConfig.Create();
        var cluster = new FakeCluster(config);
        // Every uninstall command guards itself (if ...; then ...; fi) and so exits 0 on a clean host too;
        // PrepareCommandBehaviourTests runs those guards for real.
        var runner = PrepareHarness.Runner(config, PrepareTestConfig.Secrets(), cluster, dryRun: false, logDir);

        await runner.UninstallAsync([new PrepareInstaller()], CancellationToken.None);
        await runner.UninstallAsync([new PrepareInstaller()], CancellationToken.None);

        Assert.True(File.Exists(Path.Combine(logDir, "prepare", "prepare-uninstall.log")));
        Assert.All(cluster.Hosts.Values, h => Assert.Empty(h.ChangedWrites));
    }
}
