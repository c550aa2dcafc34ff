using OsInstall.Common.Alpine;
using OsInstall.Common.Targets;
using OsInstall.Tests.Simulation;
using OsInstall.Tests.TestSupport;
using Xunit;

namespace OsInstall.Tests.Alpine;

/// <summary>
/// The shared apk/OpenRC commands run over SSH under busybox sh against the stand-ins' package and
/// runlevel state: each acts once, and a second run issues no apk add/del and no rc-update at all.
/// </summary>
[Collection(SimulatedClusterCollection.Name)]
public sealed class AlpineCommandTests(SimulatedCluster cluster)
{
    private const string Host = "o3p-os-compute-1";

    private IEnumerable<SimulatedCall> Calls(string command, string firstArg) =>
        cluster.Calls(Host).Where(c => c.Command == command && c.Args.Count > 0 && c.Args[0] == firstArg);

    [SimulationFact]
    public async Task Apk_add_names_only_the_missing_packages_and_a_rerun_adds_nothing()
    {
        await using var provider = cluster.CreateProvider();
        var host = await provider.GetAsync(Host);
        await host.RunCheckedAsync("apk add alpine-test-a");
        cluster.ClearCalls();

        await host.RunCheckedAsync(Apk.Add("alpine-test-a", "alpine-test-b", "alpine-test-c"));
        await host.RunCheckedAsync(Apk.Add("alpine-test-d"));
        Assert.Equal(["add alpine-test-b alpine-test-c", "add alpine-test-d"], Calls("apk", "add").Select(c => c.ArgLine));

        cluster.ClearCalls();
        await host.RunCheckedAsync(Apk.Add("alpine-test-a", "alpine-test-b", "alpine-test-c"));
        await host.RunCheckedAsync(Apk.Add("alpine-test-d"));
        Assert.Empty(Calls("apk", "add"));
        Assert.NotEmpty(Calls("apk", "info"));
    }

    [SimulationFact]
    public async Task Apk_del_names_only_the_installed_packages_and_runs_not_at_all_when_none_is()
    {
        await using var provider = cluster.CreateProvider();
        var host = await provider.GetAsync(Host);
        await host.RunCheckedAsync("apk add alpine-test-e alpine-test-g");
        cluster.ClearCalls();

        await host.RunCheckedAsync(Apk.Del("alpine-test-e", "alpine-test-f", "alpine-test-g"));
        await host.RunCheckedAsync(Apk.Del("alpine-test-e"));
        await host.RunCheckedAsync(Apk.Del("alpine-test-f", "alpine-test-g"));
        Assert.Equal(["del alpine-test-e alpine-test-g"], Calls("apk", "del").Select(c => c.ArgLine));
        Assert.NotEqual(0, (await host.RunAsync(Apk.IsInstalled("alpine-test-e"))).ExitCode);
    }

    [SimulationFact]
    public async Task Enable_and_disable_call_rc_update_only_when_the_runlevel_link_says_so()
    {
        await using var provider = cluster.CreateProvider();
        var host = await provider.GetAsync(Host);
        var service = new OpenRcService("alpine-test-svc", OpenRcService.BootRunlevel);
        cluster.ClearCalls();

        await host.RunCheckedAsync(service.Enable);
        await host.RunCheckedAsync(service.Enable);
        Assert.Equal(["add alpine-test-svc boot"], Calls("rc-update", "add").Select(c => c.ArgLine));
        Assert.True(cluster.Enabled(Host, service.Name, service.Runlevel));
        Assert.Contains(" alpine-test-svc | boot\n", (await host.RunCheckedAsync("rc-update show boot")).StdOut, StringComparison.Ordinal);
        Assert.DoesNotContain("alpine-test-svc", (await host.RunCheckedAsync("rc-update show default")).StdOut, StringComparison.Ordinal);

        await host.RunCheckedAsync(service.Disable);
        await host.RunCheckedAsync(service.Disable);
        Assert.Equal(["del alpine-test-svc boot"], Calls("rc-update", "del").Select(c => c.ArgLine));
        Assert.False(cluster.Enabled(Host, service.Name, service.Runlevel));
        // What the guard spares us: OpenRC refuses to delete what is not in the runlevel.
        Assert.NotEqual(0, (await host.RunAsync("rc-update del alpine-test-svc boot")).ExitCode);
    }

    [SimulationFact]
    public async Task A_service_is_started_once_restarted_only_for_a_changed_config_and_stopped_once()
    {
        await using var provider = cluster.CreateProvider();
        var host = await provider.GetAsync(Host);
        var service = new OpenRcService("alpine-test-daemon");
        var started = cluster.StartedFile(Host, service.Name);

        await host.RunCheckedAsync(service.EnableAndRun(configChanged: false));
        Assert.True((await host.RunAsync(service.Status)).Succeeded);
        Assert.True(cluster.Enabled(Host, service.Name));
        var since = File.GetLastWriteTimeUtc(started);
        await Task.Delay(20);

        await host.RunCheckedAsync(service.EnableAndRun(configChanged: false));
        Assert.Equal(since, File.GetLastWriteTimeUtc(started));
        await host.RunCheckedAsync(service.EnableAndRun(configChanged: true));
        Assert.NotEqual(since, File.GetLastWriteTimeUtc(started));

        await host.RunCheckedAsync(service.StopAndDisable);
        Assert.False((await host.RunAsync(service.Status)).Succeeded);
        Assert.False(cluster.Enabled(Host, service.Name, service.Runlevel));
        await host.RunCheckedAsync(service.StopAndDisable);
        await host.RunCheckedAsync(service.StopIfStarted);
        Assert.False(File.Exists(started));
    }
}
