using OsInstall.Common.Config;
using OsInstall.Common.Engine;
using OsInstall.Components.Prepare;
using Xunit;

namespace OsInstall.Tests.Prepare;

/// <summary>
/// Real (non-dry) runs against in-memory hosts: who is rebooted and when, that a rerun after
/// success changes nothing, and what fails how.
/// </summary>
public sealed class PrepareRebootAndRerunTests : IDisposable
{
    private const string C1 = "o3p-os-controller-1";
    private const string C2 = "o3p-os-controller-2";
    private const string C3 = "o3p-os-controller-3";
    private const string C1PublicKey = "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7 root@o3p-os-controller-1";

    private readonly string logDir = Directory.CreateTempSubdirectory("osinstall-prepare-").FullName;

    public void Dispose() => Directory.Delete(logDir, recursive: true);

    /// <summary>A freshly set-up Alpine controller: getty on ttyS0 still there, tun not listed.</summary>
    private static int FreshHost(string command) =>
        command.StartsWith("grep -qx tun", StringComparison.Ordinal) ? 1 : 0;

    /// <summary>A controller prepare already ran on: no ttyS0 line left, tun listed.</summary>
    private static int PreparedHost(string command) =>
        command.StartsWith("grep -q '^ttyS0'", StringComparison.Ordinal) ? 1 : 0;

    private static FakeCluster NewCluster(ClusterConfig config)
    {
        var cluster = new FakeCluster(config);
        cluster[C1].Files["/root/.ssh/id_rsa.pub"] = (C1PublicKey + "\n", new());
        cluster.Answer(FreshHost);
        return cluster;
    }

    private Task InstallAsync(ClusterConfig config, FakeCluster cluster) =>
        PrepareHarness.Runner(config, PrepareTestConfig.Secrets(), cluster, dryRun: false, logDir)
            .InstallAsync([new PrepareInstaller()], CancellationToken.None);

    /// <summary>The fake runs no tar: put in place what the tarball would have made, as a real run leaves it.</summary>
    private static void ActAsIfTarRan(ClusterConfig config, FakeCluster cluster)
    {
        cluster[C1].Files[PreparePaths.ClientTarball] = ("(binary)", new());
        var stamp = cluster[C1].Files[PreparePaths.ClientStamp];
        cluster[C2].Files[PreparePaths.ClientStamp] = stamp;
        cluster[C3].Files[PreparePaths.ClientStamp] = stamp;
        Assert.Equal(OpenStackClient.Stamp(config), stamp.Content);
    }

    [Fact]
    public async Task Remote_controllers_are_rebooted_one_at_a_time_controller_1_last_and_the_markers_cleared()
    {
        var config = PrepareTestConfig.Create(localFirstController: false);
        var cluster = NewCluster(config);

        await InstallAsync(config, cluster);

        Assert.Equal(new[] { C2, C3, C1 }, cluster.Waits);
        foreach (var host in cluster.Hosts.Values)
        {
            var reboot = host.Commands.IndexOf("reboot");
            Assert.True(reboot > host.Commands.IndexOf(RebootMarker.MarkCommand), host.Name);
            Assert.True(host.Commands.LastIndexOf(RebootMarker.ClearCommand) > reboot, host.Name);
            Assert.False(host.Files.ContainsKey(PreparePaths.RebootMarker), host.Name);
        }
    }

    [Fact]
    public async Task A_rerun_after_success_changes_nothing_and_reboots_nobody()
    {
        var config = PrepareTestConfig.Create(localFirstController: false);
        var cluster = NewCluster(config);
        await InstallAsync(config, cluster);
        ActAsIfTarRan(config, cluster);
        cluster.ForgetHistory();
        cluster.Answer(PreparedHost);

        await InstallAsync(config, cluster);

        Assert.Empty(cluster.Waits);
        foreach (var host in cluster.Hosts.Values)
        {
            Assert.Empty(host.ChangedWrites);
            Assert.DoesNotContain("reboot", host.Commands);
            Assert.DoesNotContain(RebootMarker.MarkCommand, host.Commands);
            Assert.DoesNotContain(host.Commands, c => c.Contains("pip install", StringComparison.Ordinal)
                || c.StartsWith("scp", StringComparison.Ordinal) || c.StartsWith("tar", StringComparison.Ordinal)
                || c.StartsWith("sed -i", StringComparison.Ordinal) || c.StartsWith("sysctl", StringComparison.Ordinal)
                || c.Contains("restart", StringComparison.Ordinal) || c.Contains(">> /etc/modules", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task The_controller_osinstall_runs_on_is_not_rebooted_and_keeps_its_marker()
    {
        var config = PrepareTestConfig.Create(localFirstController: true);
        var cluster = NewCluster(config);

        await InstallAsync(config, cluster);

        Assert.Equal(new[] { C2, C3 }, cluster.Waits);
        Assert.DoesNotContain("reboot", cluster[C1].Commands);
        Assert.True(cluster[C1].Files.ContainsKey(PreparePaths.RebootMarker));
        Assert.Contains("sysctl -p /etc/sysctl.d/90-osinstall.conf", cluster[C1].Commands);
    }

    [Fact]
    public async Task A_marker_from_before_the_last_boot_is_cleared_instead_of_rebooting_again()
    {
        var config = PrepareTestConfig.Create(localFirstController: true);
        var cluster = NewCluster(config);
        foreach (var h in cluster.Hosts.Values)
        {
            h.BootId = "boot-1";
        }
        await InstallAsync(config, cluster);
        Assert.Equal("boot-1\n", cluster[C1].Files[PreparePaths.RebootMarker].Content);
        ActAsIfTarRan(config, cluster);
        cluster.ForgetHistory();
        cluster.Answer(PreparedHost);

        // Same boot: the advice stands. After the operator rebooted controller-1: settled.
        await InstallAsync(config, cluster);
        Assert.True(cluster[C1].Files.ContainsKey(PreparePaths.RebootMarker));
        cluster[C1].BootId = "boot-2";
        await InstallAsync(config, cluster);

        Assert.False(cluster[C1].Files.ContainsKey(PreparePaths.RebootMarker));
        Assert.Empty(cluster.Waits);
        Assert.DoesNotContain("reboot", cluster[C1].Commands);
    }

    [Fact]
    public async Task A_controller_without_pending_changes_is_not_rebooted()
    {
        var config = PrepareTestConfig.Create(localFirstController: false);
        var cluster = NewCluster(config);
        await InstallAsync(config, cluster);
        ActAsIfTarRan(config, cluster);
        cluster.ForgetHistory();
        cluster.Answer(PreparedHost);
        // Only controller-3's interfaces change (someone edited the file by hand).
        cluster[C3].Files[PreparePaths.NetworkInterfaces] = ("edited\n", new());

        await InstallAsync(config, cluster);

        Assert.Equal(new[] { C3 }, cluster.Waits);
        Assert.Equal(new[] { PreparePaths.NetworkInterfaces }, cluster[C3].ChangedWrites);
    }

    [Fact]
    public async Task A_failing_reboot_fails_the_step_and_keeps_the_marker()
    {
        var config = PrepareTestConfig.Create(localFirstController: false);
        var cluster = NewCluster(config);
        cluster[C2].Exit = c => c == "reboot" ? 127 : FreshHost(c);

        var error = await Assert.ThrowsAsync<StepFailedException>(() => InstallAsync(config, cluster));

        Assert.Equal($"reboot@{C2}", error.StepId);
        Assert.Empty(cluster.Waits);
        Assert.True(cluster[C2].Files.ContainsKey(PreparePaths.RebootMarker));
    }

    [Fact]
    public async Task The_marker_is_set_before_the_change_so_a_cut_off_run_still_reboots_later()
    {
        var config = PrepareTestConfig.Create();
        var cluster = NewCluster(config);
        cluster[C2].Exit = c => c.StartsWith("sed -i", StringComparison.Ordinal) ? 1 : FreshHost(c);

        var error = await Assert.ThrowsAsync<StepFailedException>(() => InstallAsync(config, cluster));

        Assert.Equal($"serial-getty@{C2}", error.StepId);
        Assert.True(cluster[C2].Files.ContainsKey(PreparePaths.RebootMarker));
        Assert.True(cluster[C1].Files.ContainsKey(PreparePaths.RebootMarker));
        var c1 = cluster[C1].Commands;
        Assert.True(c1.IndexOf(RebootMarker.MarkCommand) < c1.FindIndex(c => c.StartsWith("sed -i", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_lost_session_during_reboot_counts_as_the_reboot()
    {
        var config = PrepareTestConfig.Create(localFirstController: false);
        var cluster = NewCluster(config);
        cluster[C2].Exit = c => c == "reboot" ? -1 : FreshHost(c);

        await InstallAsync(config, cluster);

        Assert.Contains(C2, cluster.Waits);
        Assert.False(cluster[C2].Files.ContainsKey(PreparePaths.RebootMarker));
    }

    [Fact]
    public async Task The_others_get_controller_1s_public_key_and_a_missing_key_is_a_clear_failure()
    {
        var config = PrepareTestConfig.Create();
        var cluster = NewCluster(config);
        await InstallAsync(config, cluster);
        Assert.Contains(cluster[C2].Commands, c => c.Contains($"grep -qxF '{C1PublicKey}' /root/.ssh/authorized_keys", StringComparison.Ordinal));

        var bare = new FakeCluster(config);
        var error = await Assert.ThrowsAsync<StepFailedException>(() => InstallAsync(config, bare));
        Assert.StartsWith("ssh-authorize@", error.StepId, StringComparison.Ordinal);
        Assert.Contains("/root/.ssh/id_rsa.pub", error.InnerException!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sysctl_key_the_kernel_lacks_warns_but_does_not_fail()
    {
        var config = PrepareTestConfig.Create();
        var cluster = NewCluster(config);
        cluster.Answer(c => c.StartsWith("sysctl -p", StringComparison.Ordinal) ? 255 : FreshHost(c));

        await InstallAsync(config, cluster);

        Assert.All(cluster.Hosts.Values, h => Assert.Contains("sysctl -p /etc/sysctl.d/90-osinstall.conf", h.Commands));
    }

    [Fact]
    public async Task Health_check_names_the_controller_and_what_is_wrong()
    {
        var config = PrepareTestConfig.Create();
        var cluster = NewCluster(config);
        await InstallAsync(config, cluster);
        var component = new PrepareInstaller();
        var ctx = new ComponentContext(config, PrepareTestConfig.Secrets(), OsInstall.Components.ComponentCatalog.Templates,
            cluster.GetAsync, cluster.WaitUntilReachableAsync, Serilog.Core.Logger.None, dryRun: false);

        Assert.True((await component.VerifyAsync(ctx, CancellationToken.None)).Healthy);

        cluster[C2].Files[PreparePaths.Hosts] = ("127.0.0.1 localhost\n", new());
        cluster[C2].Files.Remove(config.Ceph.ConfPath);
        cluster[C3].Exit = c => c == "ping -c 1 -W 3 10.1.1.1" || c == "command -v openstack" ? 1 : 0;
        var report = await component.VerifyAsync(ctx, CancellationToken.None);

        Assert.False(report.Healthy);
        Assert.Equal(
            new[] { (C2, "hosts"), (C2, "ceph.conf"), (C3, "openstack-client"), (C3, $"reaches {C1}") },
            report.Checks.Where(c => !c.Ok).Select(c => (c.Host, c.Check)));
    }
}
