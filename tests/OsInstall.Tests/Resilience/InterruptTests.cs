using OsInstall.Common.Journal;
using OsInstall.Tests.Simulation;

namespace OsInstall.Tests.Resilience;

/// <summary>Ctrl-C (SIGINT) to the real binary mid-run: exit 130, the journal says where it stopped, a rerun completes.</summary>
[Collection(ResilienceCollection.Name)]
public sealed class InterruptTests(ResilienceCluster cluster)
{
    private const string C1 = "o3p-os-controller-1";
    private const string C2 = "o3p-os-controller-2";
    private const string C3 = "o3p-os-controller-3";

    [SimulationFact]
    public async Task Sigint_mid_run_exits_130_with_a_consistent_journal_and_the_rerun_completes()
    {
        using var op = await FreshBind.PrepareAsync(cluster);
        // controller-3's package check stands for a slow download: the signal arrives while it runs.
        cluster.SetDelay(C3, "apk", 4);
        try
        {
            using var run = OsinstallProcess.Start(["component", "install", "bind", .. FreshBind.Options(op)]);
            string[] quick = [$"install-package@{C1}", $"install-package@{C2}"];
            await Poll.UntilAsync(
                () => run.HasExited || (quick.All(FreshBind.CompletedSoFar(op, "bind").Contains) && cluster.Calls(C3).Any(c => c.Command == "apk")),
                "controller-1 and -2 have the package, controller-3 is checking");
            Assert.False(run.HasExited, run.Output);
            UnixSignal.Send(run.Id, UnixSignal.Interrupt);
            var code = await run.WaitAsync();
            Assert.True(code == 130, $"exit {code}:\n{run.Output}");

            var record = FreshBind.Journal(op).Get("bind");
            Assert.Equal(ComponentState.Failed, record.State);
            Assert.NotNull(record.FailedStep);
            Assert.Superset(new HashSet<string>(quick), new HashSet<string>(record.CompletedSteps));
            // The package step of controller-3 is one command (check and add in one round trip): it was
            // running when the signal came, so it finished; nothing after it started.
            Assert.Contains($"install-package@{C3}", record.CompletedSteps);
            Assert.DoesNotContain(record.CompletedSteps, s => !s.StartsWith("install-package@", StringComparison.Ordinal));
            Assert.All(new[] { C1, C2, C3 }, h => Assert.DoesNotContain(cluster.Calls(h), c => c.Command == "named-checkconf"));
            Assert.False(File.Exists(Path.Combine(op.StateDir, "osinstall.lock")), "the interrupted run released its lock");
        }
        finally
        {
            cluster.ClearDelays();
        }

        cluster.ClearCalls();
        var rerun = await op.RunAsync("cluster", "install", "--only", "bind");
        Assert.True(rerun.ExitCode == 0, rerun.Output);
        Assert.Equal(ComponentState.Installed, FreshBind.Journal(op).Get("bind").State);
        // The rerun starts where the run stopped: no package step again, the configuration steps now.
        Assert.All(new[] { C1, C2, C3 }, h => Assert.DoesNotContain(cluster.Calls(h), c => c.Command == "apk" && c.Args.Contains("bind")));
        Assert.Contains(cluster.Calls(C1), c => c.Command == "named-checkconf");
    }
}
