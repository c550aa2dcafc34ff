using OsInstall.Common.Journal;
using OsInstall.Tests.EndToEnd;
using OsInstall.Tests.Simulation;
using OsInstall.Tests.TestSupport;

namespace OsInstall.Tests.Resilience;

/// <summary>
/// bind, broken at each step of its install in turn (a command that fails, the connection dropped
/// mid-command, a host down at the start): the run exits 1 naming the step, the journal records it,
/// and a rerun completes without executing again any step that had finished (the stand-ins' records
/// prove it).
/// </summary>
[Collection(ResilienceCollection.Name)]
public sealed class BindFaultTests(ResilienceCluster cluster)
{
    private const string C1 = "o3p-os-controller-1";
    private const string C2 = "o3p-os-controller-2";
    private const string C3 = "o3p-os-controller-3";

    public static TheoryData<BindFault> Faults() =>
    [
        new BindFault($"install-package@{C1}", "apk", "add bind"),
        new BindFault($"install-package@{C2}", "apk", "add bind"),
        new BindFault($"install-package@{C3}", "apk", "add bind"),
        new BindFault($"configure-primary@{C1}", "named-checkconf", ""),
        new BindFault($"configure-primary@{C1}", "rc-update", "add named"),
        new BindFault($"configure-primary@{C1}", "rc-service", "named restart"),
        new BindFault($"configure-secondary@{C2}", "named-checkconf", ""),
        new BindFault($"configure-secondary@{C2}", "rc-service", "named restart"),
        new BindFault($"configure-secondary@{C3}", "rc-update", "add named"),
        new BindFault($"resolv-conf@{C1}", null, ""),
        new BindFault($"resolv-conf@{C3}", null, ""),
    ];

    [SimulationTheory]
    [MemberData(nameof(Faults))]
    public async Task A_failing_command_stops_the_run_at_its_step_and_the_rerun_resumes_there(BindFault fault)
    {
        using var op = await FreshBind.PrepareAsync(cluster);
        if (fault.Command is null)
        {
            BreakResolvConf(fault.Host);
        }
        else
        {
            cluster.InjectFault(fault.Host, fault.Command, fault.ArgSubstring, 42);
        }
        try
        {
            await FailThenResumeAsync(op, fault.StepId);
        }
        finally
        {
            cluster.ClearFaults();
            RepairResolvConf(fault.Host);
        }
    }

    [SimulationFact]
    public async Task A_connection_dropped_mid_command_fails_the_step_and_the_rerun_resumes_there()
    {
        using var op = await FreshBind.PrepareAsync(cluster);
        cluster.SetDelay(C2, "apk", 30);
        try
        {
            var run = op.RunAsync("component", "install", "bind");
            await Poll.UntilAsync(() => cluster.Calls(C2).Any(c => c.Command == "apk"), "the first apk call on controller-2");
            Assert.True(cluster.Host(C2).DropConnections() > 0, "no session to cut");
            var failed = await run;
            cluster.ClearDelays();
            await AssertFailedAtAsync(op, failed, $"install-package@{C2}");
            await ResumeAsync(op);
        }
        finally
        {
            cluster.ClearDelays();
        }
    }

    [SimulationFact]
    public async Task A_host_down_at_the_start_fails_its_first_step_and_the_rerun_resumes_there()
    {
        using var op = await FreshBind.PrepareAsync(cluster);
        cluster.Host(C3).Stop();
        CliRun.Result failed;
        try
        {
            failed = await op.RunAsync("component", "install", "bind");
        }
        finally
        {
            await cluster.Host(C3).StartAsync();
        }
        await AssertFailedAtAsync(op, failed, $"install-package@{C3}");
        Assert.Empty(cluster.Calls(C3));
        await ResumeAsync(op);
    }

    private async Task FailThenResumeAsync(CliScenario op, string stepId)
    {
        var failed = await op.RunAsync("component", "install", "bind");
        cluster.ClearFaults();
        RepairResolvConf(BindStepCalls.Host(stepId));
        await AssertFailedAtAsync(op, failed, stepId);
        await ResumeAsync(op);
    }

    private static Task AssertFailedAtAsync(CliScenario op, CliRun.Result failed, string stepId)
    {
        Assert.True(failed.ExitCode == 1, $"exit {failed.ExitCode}:\n{failed.Output}");
        var step = stepId[..stepId.IndexOf('@', StringComparison.Ordinal)];
        Assert.Contains(step, failed.Output);
        Assert.Contains(BindStepCalls.Host(stepId), failed.Output);
        var record = Journal(op).Get("bind");
        Assert.Equal(ComponentState.Failed, record.State);
        Assert.Equal(stepId, record.FailedStep);
        Assert.DoesNotContain(stepId, record.CompletedSteps);
        Assert.NotEmpty(record.CompletedSteps); // the other hosts' steps of the phase finished
        return Task.CompletedTask;
    }

    /// <summary>The rerun: completes, runs the failed step again, and no step that had finished.</summary>
    private async Task ResumeAsync(CliScenario op)
    {
        var before = Journal(op).Get("bind");
        var finished = before.CompletedSteps.ToList();
        var failedStep = before.FailedStep!;
        cluster.ClearCalls();
        var rerun = await op.RunAsync("cluster", "install", "--only", "bind");
        Assert.True(rerun.ExitCode == 0, rerun.Output);
        Assert.Equal(ComponentState.Installed, Journal(op).Get("bind").State);
        foreach (var step in finished)
        {
            if (BindStepCalls.LeavesRecords(step))
            {
                Assert.Empty(BindStepCalls.Of(step, cluster.Calls(BindStepCalls.Host(step))));
            }
            else
            {
                Assert.Contains($"step {step}: done in an earlier run, skipped", LastRun(op));
            }
        }
        if (BindStepCalls.LeavesRecords(failedStep))
        {
            Assert.NotEmpty(BindStepCalls.Of(failedStep, cluster.Calls(BindStepCalls.Host(failedStep))));
        }
        Assert.Contains($"step {failedStep}: start", LastRun(op));
    }

    private void BreakResolvConf(string host)
    {
        var path = cluster.InRoot(host, "/etc/resolv.conf");
        File.Delete(path);
        Directory.CreateDirectory(path);
    }

    private void RepairResolvConf(string host)
    {
        var path = cluster.InRoot(host, "/etc/resolv.conf");
        if (Directory.Exists(path))
        {
            Directory.Delete(path);
            File.WriteAllText(path, "nameserver 127.0.0.1\n");
        }
    }

    private static InstallJournal Journal(CliScenario op) => FreshBind.Journal(op);

    private static string LastRun(CliScenario op)
    {
        var log = op.Log("bind");
        return log[log.LastIndexOf("==== install bind", StringComparison.Ordinal)..];
    }
}
