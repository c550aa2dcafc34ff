using OsInstall.Common.Config;
using OsInstall.Common.Engine;
using OsInstall.Common.Journal;
using OsInstall.Common.Secrets;
using OsInstall.Common.Targets;
using OsInstall.Components;
using OsInstall.Tests.TestSupport;

namespace OsInstall.Tests.Engine;

public class ComponentRunnerTests
{
    private static ComponentRunner Runner(TempDir dir, InstallJournal journal, ITargetProvider? targets = null, bool dryRun = false, SecretMasker? masker = null) =>
        new(new ClusterConfig(), new SecretStore(), ComponentCatalog.Templates, targets ?? new LocalTargetProvider(), journal,
            new RunOptions { LogDir = dir.File("logs"), DryRun = dryRun, Masker = masker ?? SecretMasker.None });

    [Fact]
    public async Task Install_journals_installed_and_writes_a_log_line_per_action()
    {
        using var dir = new TempDir();
        var journal = InstallJournal.Load(dir.File("journal.json"));
        var c = new ScriptedComponent("alpha", 1, "echo one", "echo two");
        await Runner(dir, journal).InstallAsync([c], CancellationToken.None);

        Assert.Equal(ComponentState.Installed, InstallJournal.Load(dir.File("journal.json")).Get("alpha").State);
        Assert.Equal(4, c.Ran.Count);
        var log = await File.ReadAllTextAsync(dir.File("logs/alpha/alpha-install.log"));
        Assert.Contains("==== install alpha", log);
        Assert.Contains("[h1] exit=0", log);
        Assert.Contains("$ echo two", log);
        Assert.Contains("stdout: two", log);
    }

    [Fact]
    public async Task A_failed_step_is_journaled_and_the_rerun_skips_finished_steps()
    {
        using var dir = new TempDir();
        var flag = dir.File("broken");
        await File.WriteAllTextAsync(flag, "");
        var journalPath = dir.File("journal.json");
        var c = new ScriptedComponent("beta", 1, "true", $"test ! -e '{flag}'", "true");

        var ex = await Assert.ThrowsAsync<StepFailedException>(() => Runner(dir, InstallJournal.Load(journalPath)).InstallAsync([c], CancellationToken.None));
        Assert.Equal("beta", ex.Component);
        Assert.StartsWith("step1@", ex.StepId, StringComparison.Ordinal);
        Assert.Contains("logs/beta/beta-install.log", ex.Message);
        var record = InstallJournal.Load(journalPath).Get("beta");
        Assert.Equal(ComponentState.Failed, record.State);
        Assert.Equal(ex.StepId, record.FailedStep);
        Assert.Contains("step0@h1", record.CompletedSteps);
        Assert.DoesNotContain(c.Ran, r => r.EndsWith("step2", StringComparison.Ordinal));

        File.Delete(flag);
        c.Ran.Clear();
        await Runner(dir, InstallJournal.Load(journalPath)).InstallAsync([c], CancellationToken.None);
        Assert.DoesNotContain("h1:step0", c.Ran);
        Assert.DoesNotContain("h2:step0", c.Ran);
        Assert.Contains("h1:step2", c.Ran);
        Assert.Equal(ComponentState.Installed, InstallJournal.Load(journalPath).Get("beta").State);
    }

    [Fact]
    public async Task Installed_components_are_skipped_unless_forced()
    {
        using var dir = new TempDir();
        var journal = InstallJournal.Load(dir.File("journal.json"));
        var c = new ScriptedComponent("gamma", 1, "true");
        await Runner(dir, journal).InstallAsync([c], CancellationToken.None);
        c.Ran.Clear();
        await Runner(dir, journal).InstallAsync([c], CancellationToken.None);
        Assert.Empty(c.Ran);
    }

    [Fact]
    public async Task Unhealthy_after_install_fails_the_component()
    {
        using var dir = new TempDir();
        var journal = InstallJournal.Load(dir.File("journal.json"));
        var c = new ScriptedComponent("delta", 1, "true") { Healthy = false };
        var ex = await Assert.ThrowsAsync<StepFailedException>(() => Runner(dir, journal).InstallAsync([c], CancellationToken.None));
        Assert.Equal("verify:scripted", ex.StepId);
        Assert.Equal(ComponentState.Failed, journal.Get("delta").State);
    }

    [Fact]
    public async Task Order_is_by_Order_for_install_and_reversed_for_uninstall()
    {
        using var dir = new TempDir();
        var seen = new List<string>();
        var observer = new RecordingObserver(seen);
        var a = new ScriptedComponent("a", 2, "true");
        var b = new ScriptedComponent("b", 1, "true");
        var runner = new ComponentRunner(new ClusterConfig(), new SecretStore(), ComponentCatalog.Templates, new LocalTargetProvider(),
            InstallJournal.Load(dir.File("j.json")), new RunOptions { LogDir = dir.File("logs"), Observer = observer });
        await runner.InstallAsync([a, b], CancellationToken.None);
        await runner.UninstallAsync([a, b], CancellationToken.None);
        Assert.Equal(["install b", "install a", "uninstall a", "uninstall b"], seen);
    }

    [Fact]
    public async Task Cancellation_stops_before_the_next_command_and_journals_it()
    {
        using var dir = new TempDir();
        var journal = InstallJournal.Load(dir.File("journal.json"));
        using var cts = new CancellationTokenSource();
        var c = new ScriptedComponent("eps", 1, "true", "sleep 0.3", "true");
        var observer = new CancelOnStepObserver(cts, "step1");
        var runner = new ComponentRunner(new ClusterConfig(), new SecretStore(), ComponentCatalog.Templates, new LocalTargetProvider(),
            journal, new RunOptions { LogDir = dir.File("logs"), Observer = observer, Parallel = 1 });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => runner.InstallAsync([c], cts.Token));
        var record = InstallJournal.Load(dir.File("journal.json")).Get("eps");
        Assert.Equal(ComponentState.Failed, record.State);
        Assert.Contains("step0@h1", record.CompletedSteps);
        Assert.DoesNotContain(c.Ran, r => r.EndsWith("step2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Secrets_in_commands_are_masked_in_the_log()
    {
        using var dir = new TempDir();
        var journal = InstallJournal.Load(dir.File("journal.json"));
        var c = new ScriptedComponent("zeta", 1, "echo S3cr3tValue-xyz");
        await Runner(dir, journal, masker: new SecretMasker(["S3cr3tValue-xyz"])).InstallAsync([c], CancellationToken.None);
        var log = await File.ReadAllTextAsync(dir.File("logs/zeta/zeta-install.log"));
        Assert.DoesNotContain("S3cr3tValue-xyz", log);
        Assert.Contains("echo *****", log);
    }

    private sealed class RecordingObserver(List<string> seen) : IRunObserver
    {
        public void ComponentStarted(string component, OsInstall.Common.Logging.Direction direction, int totalSteps) =>
            seen.Add($"{direction.ToString().ToLowerInvariant()} {component}");
        public void ComponentSkipped(string component, string reason) { }
        public void StepStarted(string component, Step step) { }
        public void StepFinished(string component, Step step, bool skipped, TimeSpan duration) { }
        public void StepFailed(string component, Step step, Exception error) { }
        public void ComponentFinished(string component, bool ok, TimeSpan duration) { }
    }

    private sealed class CancelOnStepObserver(CancellationTokenSource cts, string phase) : IRunObserver
    {
        public void ComponentStarted(string component, OsInstall.Common.Logging.Direction direction, int totalSteps) { }
        public void ComponentSkipped(string component, string reason) { }
        public void StepStarted(string component, Step step)
        {
            if (step.Id.StartsWith(phase, StringComparison.Ordinal))
            {
                cts.Cancel();
            }
        }
        public void StepFinished(string component, Step step, bool skipped, TimeSpan duration) { }
        public void StepFailed(string component, Step step, Exception error) { }
        public void ComponentFinished(string component, bool ok, TimeSpan duration) { }
    }
}
