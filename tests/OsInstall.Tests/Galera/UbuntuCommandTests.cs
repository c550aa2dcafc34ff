using OsInstall.Common.Targets;
using OsInstall.Common.Ubuntu;
using OsInstall.Tests.Simulation;

namespace OsInstall.Tests.Galera;

/// <summary>
/// The shared apt/systemd commands run over SSH under busybox sh against the stand-ins' package and
/// unit state: each acts once, and a second run issues no apt-get install/purge and no systemctl
/// enable/start/stop at all.
/// </summary>
// On the end-to-end cluster with the galera scenario: one simulated cluster for all galera tests, not two starting side by side.
[Collection(EndToEnd.EndToEndCollection.Name)]
public sealed class UbuntuCommandTests(EndToEnd.EndToEndCluster cluster)
{
    private const string Host = "o3p-os-compute-2";

    private IEnumerable<SimulatedCall> Calls(string command, string firstArg) =>
        cluster.Calls(Host).Where(c => c.Command == command && c.Args.Contains(firstArg));

    [SimulationFact]
    public async Task Apt_install_names_only_the_missing_packages_refreshes_lists_only_then_and_a_rerun_installs_nothing()
    {
        await using var provider = cluster.CreateProvider();
        var host = await provider.GetAsync(Host);
        await host.RunCheckedAsync("apt-get install -y ubuntu-test-a");
        cluster.ClearCalls();

        await host.RunCheckedAsync(Apt.Install("ubuntu-test-a", "ubuntu-test-b", "ubuntu-test-c"));
        await host.RunCheckedAsync(Apt.Install("ubuntu-test-d"));
        Assert.Equal(
            ["install -y -q --no-install-recommends ubuntu-test-b ubuntu-test-c", "install -y -q --no-install-recommends ubuntu-test-d"],
            Calls("apt-get", "install").Select(c => c.ArgLine));
        Assert.Equal(2, Calls("apt-get", "update").Count());
        Assert.Equal(0, (await host.RunAsync(Apt.IsInstalled("ubuntu-test-c"))).ExitCode);

        cluster.ClearCalls();
        await host.RunCheckedAsync(Apt.Install("ubuntu-test-a", "ubuntu-test-b", "ubuntu-test-c"));
        await host.RunCheckedAsync(Apt.Install("ubuntu-test-d"));
        Assert.DoesNotContain(cluster.Calls(Host), c => c.Command == "apt-get");
        Assert.NotEmpty(Calls("dpkg-query", "-s"));
    }

    [SimulationFact]
    public async Task Apt_purge_names_only_the_installed_packages_and_runs_not_at_all_when_none_is()
    {
        await using var provider = cluster.CreateProvider();
        var host = await provider.GetAsync(Host);
        await host.RunCheckedAsync("apt-get install -y ubuntu-test-e ubuntu-test-g");
        cluster.ClearCalls();

        await host.RunCheckedAsync(Apt.Purge("ubuntu-test-e", "ubuntu-test-f", "ubuntu-test-g"));
        await host.RunCheckedAsync(Apt.Purge("ubuntu-test-e"));
        await host.RunCheckedAsync(Apt.Purge("ubuntu-test-f", "ubuntu-test-g"));
        Assert.Equal(["purge -y -q ubuntu-test-e ubuntu-test-g"], Calls("apt-get", "purge").Select(c => c.ArgLine));
        Assert.NotEqual(0, (await host.RunAsync(Apt.IsInstalled("ubuntu-test-e"))).ExitCode);
    }

    [SimulationFact]
    public async Task A_unit_is_enabled_started_restarted_and_stopped_only_when_its_state_says_so()
    {
        await using var provider = cluster.CreateProvider();
        var host = await provider.GetAsync(Host);
        var unit = new SystemdService("ubuntu-test-svc");
        cluster.ClearCalls();

        await host.RunCheckedAsync(unit.EnableAndRun(configChanged: false));
        await host.RunCheckedAsync(unit.EnableAndRun(configChanged: false));
        Assert.Equal(["enable ubuntu-test-svc", "start ubuntu-test-svc"], Changes());
        Assert.Equal(0, (await host.RunAsync(unit.IsActive)).ExitCode);
        Assert.True(cluster.FileExists(Host, "/etc/systemd/system/multi-user.target.wants/ubuntu-test-svc.service"));

        cluster.ClearCalls();
        await host.RunCheckedAsync(unit.EnableAndRun(configChanged: true));
        Assert.Equal(["restart ubuntu-test-svc"], Changes());

        cluster.ClearCalls();
        await host.RunCheckedAsync(unit.StopAndDisable);
        await host.RunCheckedAsync(unit.StopAndDisable);
        Assert.Equal(["stop ubuntu-test-svc", "disable ubuntu-test-svc"], Changes());
        Assert.Equal(3, (await host.RunAsync(unit.IsActive)).ExitCode);
        Assert.NotEqual(0, (await host.RunAsync(unit.IsEnabled)).ExitCode);
    }

    [SimulationFact]
    public async Task A_unit_is_enabled_in_an_offline_root_once()
    {
        await using var provider = cluster.CreateProvider();
        var host = await provider.GetAsync(Host);
        var unit = new SystemdService("ubuntu-test-offline");
        const string root = "/var/tmp/ubuntu-test-root";
        cluster.ClearCalls();

        await host.RunCheckedAsync(unit.EnableIn(root));
        await host.RunCheckedAsync(unit.EnableIn(root));

        Assert.Equal([$"--root={root} enable ubuntu-test-offline"], cluster.Calls(Host)
            .Where(c => c.Command == "systemctl" && c.Args.Contains("enable")).Select(c => c.ArgLine));
        Assert.True(cluster.FileExists(Host, root + "/etc/systemd/system/multi-user.target.wants/ubuntu-test-offline.service"));
        Assert.False(cluster.FileExists(Host, "/etc/systemd/system/multi-user.target.wants/ubuntu-test-offline.service"));
    }

    [Fact]
    public void Names_that_would_read_as_options_or_paths_are_refused()
    {
        Assert.Throws<ArgumentException>(() => Apt.Install("-y"));
        Assert.Throws<ArgumentException>(() => Apt.Purge());
        Assert.Throws<ArgumentException>(() => new SystemdService("--now"));
        Assert.Throws<ArgumentException>(() => new SystemdService("../x"));
    }

    private List<string> Changes() => cluster.Calls(Host)
        .Where(c => c.Command == "systemctl" && c.Args.Count > 0 && c.Args[0] is "enable" or "disable" or "start" or "stop" or "restart")
        .Select(c => c.ArgLine).ToList();
}
