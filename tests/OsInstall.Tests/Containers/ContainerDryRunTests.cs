using OsInstall.Common.Containers;
using OsInstall.Common.Engine;
using OsInstall.Common.Journal;
using OsInstall.Common.Secrets;
using OsInstall.Common.Targets;
using OsInstall.Components;
using OsInstall.Components.Rsyslog;
using OsInstall.Tests.Rsyslog;
using OsInstall.Tests.TestSupport;

namespace OsInstall.Tests.Containers;

/// <summary>--dry-run of a container set: the whole plan is printed, nothing waits for a container that was never started.</summary>
public sealed class ContainerDryRunTests
{
    [Fact]
    public async Task A_dry_run_plans_base_image_build_clones_and_lxc_configs_without_waiting()
    {
        var config = ShippedConfig.Load();
        var recorder = new DryRunRecorder();
        await using var targets = new DryRunTargetProvider(recorder);
        using var logs = new TempDir("osinstall-containers-dry");
        var network = new FakeContainerNetwork();
        var platform = new ContainerPlatform(network, (ctx, name) => RsyslogConfigs.RenderForwarder(ctx, name));
        var runner = new ComponentRunner(config, new SecretStore(), ComponentCatalog.Templates, targets, InstallJournal.InMemory(),
            new RunOptions { LogDir = logs.Path, DryRun = true });
        var component = new ContainerSetComponent("web", platform, t => t.RunCheckedAsync("true"));

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await runner.InstallAsync([component], timeout.Token);

        var plan = recorder.Snapshot();
        var c1 = config.Controllers[0].Name;
        var c2 = config.Controllers[1].Name;
        Assert.Contains(plan, a => a.Host == c1 && a.Detail.Contains("snap protect alpine@alpine", StringComparison.Ordinal));
        Assert.Contains(plan, a => a.Host == c1 && a.Detail.Contains("clone alpine@alpine web-1", StringComparison.Ordinal));
        Assert.Contains(plan, a => a.Host == c2 && a.Detail.Contains("clone web-1@web-1 web-2", StringComparison.Ordinal));
        Assert.Contains(plan, a => a.Host == c2 && a.Path == "/var/lib/lxc/web-2/config");
        Assert.Contains(plan, a => a.Host == c2 && a.Detail.StartsWith("lxc-start -n web-2", StringComparison.Ordinal));
    }
}
