using OsInstall.Common.Journal;
using OsInstall.Tests.Simulation;

namespace OsInstall.Tests.Resilience;

/// <summary>One run at a time against a cluster: two real processes; and a lock left by a run killed with SIGKILL.</summary>
[Collection(ResilienceCollection.Name)]
public sealed class RunLockTests(ResilienceCluster cluster)
{
    private const string C1 = "o3p-os-controller-1";

    [SimulationFact]
    public async Task A_second_run_while_one_runs_is_refused_with_exit_2_and_the_first_completes()
    {
        using var op = await FreshBind.PrepareAsync(cluster);
        cluster.SetDelay(C1, "apk", 3);
        try
        {
            using var first = OsinstallProcess.Start(["component", "install", "bind", .. FreshBind.Options(op)]);
            await Poll.UntilAsync(() => first.HasExited || cluster.Calls(C1).Any(c => c.Command == "apk"), "the first run at work on controller-1");
            Assert.False(first.HasExited, first.Output);
            var logins = cluster.Hosts.Sum(h => h.AcceptedLogins());

            var (code, output) = await OsinstallProcess.RunAsync(["cluster", "install", "--only", "rsyslog", .. FreshBind.Options(op)]);
            Assert.True(code == 2, $"exit {code}:\n{output}");
            Assert.Contains("another osinstall run", output);
            Assert.Contains($"pid {first.Id}", output);
            Assert.DoesNotContain("   at ", output);
            Assert.Equal(logins, cluster.Hosts.Sum(h => h.AcceptedLogins())); // the refused run opened no connection
            Assert.False(File.Exists(Path.Combine(op.LogDir, "rsyslog", "rsyslog-install.log")));

            var firstCode = await first.WaitAsync();
            Assert.True(firstCode == 0, first.Output);
            Assert.Equal(ComponentState.Installed, FreshBind.Journal(op).Get("bind").State);
            Assert.Equal(ComponentState.NotInstalled, FreshBind.Journal(op).Get("rsyslog").State);
        }
        finally
        {
            cluster.ClearDelays();
        }
    }

    [SimulationFact]
    public async Task A_lock_left_by_a_killed_run_is_detected_as_stale_and_cleared()
    {
        using var op = await FreshBind.PrepareAsync(cluster);
        var lockFile = Path.Combine(op.StateDir, "osinstall.lock");
        cluster.SetDelay(C1, "apk", 30);
        int killedPid;
        try
        {
            using var doomed = OsinstallProcess.Start(["component", "install", "bind", .. FreshBind.Options(op)]);
            killedPid = doomed.Id;
            await Poll.UntilAsync(() => doomed.HasExited || cluster.Calls(C1).Any(c => c.Command == "apk"), "the run at work on controller-1");
            Assert.False(doomed.HasExited, doomed.Output);
            doomed.Kill(); // SIGKILL: no handler runs, the lock stays
            await doomed.WaitAsync();
        }
        finally
        {
            cluster.ClearDelays();
        }
        Assert.True(File.Exists(lockFile), "a killed run leaves its lock behind");
        Assert.StartsWith($"{killedPid}\n", await File.ReadAllTextAsync(lockFile));

        var rerun = await op.RunAsync("cluster", "install", "--only", "bind");
        Assert.True(rerun.ExitCode == 0, rerun.Output);
        Assert.Equal(ComponentState.Installed, FreshBind.Journal(op).Get("bind").State);
        Assert.False(File.Exists(lockFile), "the lock is released at the end of the run");
    }
}
