using OsInstall.Common.Config;
using OsInstall.Common.Engine;
using OsInstall.Common.Journal;
using OsInstall.Common.Secrets;
using OsInstall.Components;
using OsInstall.Tests.TestSupport;

namespace OsInstall.Tests.Engine;

/// <summary>
/// Phases over independent hosts (compute nodes): one failing host does not stop the others, a
/// phase over all hosts waits, and the rerun runs only what the failed host still lacks.
/// </summary>
public class IndependentHostsTests
{
    private static readonly string[] Nodes = ["n1", "n2", "n3", "n4"];

    /// <summary>build once on c1, two independent phases per node, then one step on c1 that needs every node.</summary>
    private sealed class FanOut(string brokenFlag) : IComponent
    {
        public List<string> Ran { get; } = [];
        public string Name => "fanout";
        public int Order => 1;
        public string Description => "test";
        public IReadOnlyList<string> Hosts(ClusterConfig config) => ["c1", .. Nodes];

        public IEnumerable<Phase> Install(ComponentContext ctx) =>
        [
            Phase.On("build", "c1", s => Record(s, "build")),
            Phase.PerHostIndependent("pre", Nodes, s => Record(s, "pre")),
            Phase.PerHostIndependent("node", Nodes, async s =>
            {
                if (s.Target.Name == "n3")
                {
                    await s.Run($"test ! -e {OsInstall.Common.Shell.Sh.Quote(brokenFlag)}");
                }
                await Record(s, "node");
            }),
            Phase.On("discover", "c1", s => Record(s, "discover")),
        ];

        public IEnumerable<Phase> Uninstall(ComponentContext ctx) => [];

        public Task<HealthReport> VerifyAsync(ComponentContext ctx, CancellationToken ct) =>
            Task.FromResult(HealthReport.From([]));

        private Task Record(StepContext s, string what)
        {
            lock (Ran)
            {
                Ran.Add($"{s.Target.Name}:{what}");
            }
            return Task.CompletedTask;
        }
    }

    private static ComponentRunner Runner(TempDir dir, string journal) =>
        new(new ClusterConfig(), new SecretStore(), ComponentCatalog.Templates, new LocalTargetProvider(), InstallJournal.Load(journal),
            new RunOptions { LogDir = dir.File("logs"), Masker = SecretMasker.None, Parallel = 4 });

    [Fact]
    public async Task A_failed_node_leaves_the_others_installed_and_the_rerun_does_only_it()
    {
        using var dir = new TempDir();
        var flag = dir.File("broken");
        await File.WriteAllTextAsync(flag, "");
        var journal = dir.File("journal.json");
        var c = new FanOut(flag);

        var ex = await Assert.ThrowsAsync<StepFailedException>(() => Runner(dir, journal).InstallAsync([c], CancellationToken.None));
        Assert.Equal("node@n3", ex.StepId);
        Assert.Single(ex.Failures);
        Assert.Contains("1 host(s) failed, 3 finished", ex.Message);
        Assert.Contains("n3", ex.Message);
        foreach (var n in new[] { "n1", "n2", "n4" })
        {
            Assert.Contains($"{n}:node", c.Ran);
        }
        Assert.DoesNotContain("n3:node", c.Ran);
        Assert.DoesNotContain("c1:discover", c.Ran); // needs every node: waits for the rerun
        var record = InstallJournal.Load(journal).Get("fanout");
        Assert.Equal(ComponentState.Failed, record.State);
        Assert.Contains("pre@n3", record.CompletedSteps);
        Assert.DoesNotContain("node@n3", record.CompletedSteps);

        File.Delete(flag);
        c.Ran.Clear();
        await Runner(dir, journal).InstallAsync([c], CancellationToken.None);
        Assert.Equal(["n3:node", "c1:discover"], c.Ran);
        Assert.Equal(ComponentState.Installed, InstallJournal.Load(journal).Get("fanout").State);
    }

    [Fact]
    public async Task A_node_that_failed_an_earlier_phase_is_not_started_in_the_next()
    {
        using var dir = new TempDir();
        var flag = dir.File("broken");
        await File.WriteAllTextAsync(flag, "");
        var c = new BrokenPre(flag);
        var ex = await Assert.ThrowsAsync<StepFailedException>(() => Runner(dir, dir.File("j.json")).InstallAsync([c], CancellationToken.None));
        Assert.Equal(2, ex.Failures.Count);
        Assert.Contains("2 host(s) failed, 2 finished", ex.Message);
        Assert.Contains("n1:node", c.Ran);
        Assert.DoesNotContain("n2:node", c.Ran);
        Assert.DoesNotContain("n4:node", c.Ran);
    }

    private sealed class BrokenPre(string flag) : IComponent
    {
        public List<string> Ran { get; } = [];
        public string Name => "brokenpre";
        public int Order => 1;
        public string Description => "test";
        public IReadOnlyList<string> Hosts(ClusterConfig config) => Nodes;

        public IEnumerable<Phase> Install(ComponentContext ctx) =>
        [
            Phase.PerHostIndependent("pre", Nodes, async s =>
            {
                if (s.Target.Name is "n2" or "n4")
                {
                    await s.Run($"test ! -e {OsInstall.Common.Shell.Sh.Quote(flag)}");
                }
            }),
            Phase.PerHostIndependent("node", Nodes, s =>
            {
                lock (Ran)
                {
                    Ran.Add($"{s.Target.Name}:node");
                }
                return Task.CompletedTask;
            }),
        ];

        public IEnumerable<Phase> Uninstall(ComponentContext ctx) => [];

        public Task<HealthReport> VerifyAsync(ComponentContext ctx, CancellationToken ct) => Task.FromResult(HealthReport.From([]));
    }
}
