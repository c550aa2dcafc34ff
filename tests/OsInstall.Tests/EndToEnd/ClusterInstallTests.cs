using OsInstall.Common.Journal;
using OsInstall.Tests.Simulation;
using OsInstall.Tests.TestSupport;

namespace OsInstall.Tests.EndToEnd;

/// <summary>
/// The foundation's end-to-end runs: the real CLI, over real SSH, against the simulated cluster
/// (recording stand-ins only for apk, OpenRC, reboot and other commands that cannot run here).
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ClusterInstallTests(EndToEndCluster cluster)
{
    private const string C1 = "o3p-os-controller-1";
    private const string C2 = "o3p-os-controller-2";
    private const string C3 = "o3p-os-controller-3";
    private const string N1 = "o3p-os-compute-1";

    [SimulationFact]
    public async Task Install_then_rerun_then_reinstall_then_uninstall_bind()
    {
        using var op = new CliScenario(cluster);
        cluster.ClearFaults();
        cluster.ClearCalls();

        var install = await op.RunAsync("cluster", "install", "--only", "prepare,bind,rsyslog");
        Assert.True(install.ExitCode == 0, install.Output);

        // What each host holds (the hosts outlive a test: another test may have installed before, so state, not calls).
        Assert.All(new[] { C1, C2, C3 }, h =>
        {
            Assert.Contains("bind", cluster.ReadFile(h, "/var/lib/osinstall-sim/apk-world") ?? "");
            Assert.True(cluster.FileExists(h, "/var/lib/osinstall-sim/services/named"), $"named runs on {h}");
        });
        Assert.True(cluster.FileExists(N1, "/var/lib/osinstall-sim/services/rsyslog"), "rsyslog runs on the compute node");
        Assert.DoesNotContain("bind", cluster.ReadFile(N1, "/var/lib/osinstall-sim/apk-world") ?? "");
        Assert.Contains(cluster.Calls(C1), c => c.Command == "rsyslogd" && c.Args.SequenceEqual(["-N1", "-f", "/etc/rsyslog.conf"]));
        var primaryConf = cluster.ReadFile(C1, "/etc/bind/named.conf");
        Assert.NotNull(primaryConf);
        Assert.Contains("oppp.lab", primaryConf);
        Assert.NotNull(cluster.ReadFile(C2, "/etc/bind/named.conf"));
        Assert.Contains(C1 + ".oppp.lab", cluster.ReadFile(C1, "/etc/hosts"));
        Assert.NotNull(cluster.ReadFile(N1, "/etc/rsyslog.conf"));
        var journal = InstallJournal.Load(Path.Combine(op.StateDir, "journal.json"));
        Assert.All(new[] { "prepare", "bind", "rsyslog" }, c => Assert.Equal(ComponentState.Installed, journal.Get(c).State));
        Assert.Contains("exit=0", op.Log("bind"));

        var status = await op.RunAsync("status");
        Assert.True(status.ExitCode == 0, status.Output);
        Assert.Contains("installed", status.Output);
        Assert.DoesNotContain("FAILED", status.Output);

        // A rerun of the cluster install skips what is installed: no host is asked anything.
        cluster.ClearCalls();
        var rerun = await op.RunAsync("cluster", "install", "--only", "prepare,bind,rsyslog");
        Assert.True(rerun.ExitCode == 0, rerun.Output);
        // Named explicitly: an unfiltered cluster install now goes on to the components after rsyslog (ovn, ...).
        var rerun2 = await op.RunAsync("cluster", "install", "--only", "rsyslog,bind,prepare");
        Assert.True(rerun2.ExitCode == 0, rerun2.Output);
        Assert.Contains("skipped", rerun2.Output);
        Assert.All(cluster.HostNames, h => Assert.Empty(cluster.Calls(h)));

        // Installing bind again runs every step, and changes nothing: no file rewritten, no package added.
        var confBefore = File.GetLastWriteTimeUtc(cluster.InRoot(C1, "/etc/bind/named.conf"));
        var again = await op.RunAsync("component", "install", "bind");
        Assert.True(again.ExitCode == 0, again.Output);
        Assert.Equal(confBefore, File.GetLastWriteTimeUtc(cluster.InRoot(C1, "/etc/bind/named.conf")));
        // ...and the checks ran on the hosts: no package added, no runlevel touched, named neither started nor restarted.
        Assert.All(new[] { C1, C2, C3 }, h =>
        {
            Assert.DoesNotContain(cluster.Calls(h), c => c.Command == "apk" && c.Args.Contains("add"));
            Assert.DoesNotContain(cluster.Calls(h), c => c.Command == "rc-update");
            Assert.DoesNotContain(cluster.Calls(h), c => c.Command == "rc-service" && (c.Args.Contains("restart") || c.Args.SequenceEqual(["named", "start"])));
            Assert.Contains(cluster.Calls(h), c => c.Command == "apk" && c.Args.SequenceEqual(["info", "-e", "bind"]));
        });
        var log = op.Log("bind");
        var lastRun = log[log.LastIndexOf("==== install bind", StringComparison.Ordinal)..];
        Assert.DoesNotContain(" changed ", lastRun);
        Assert.Contains(" unchanged ", lastRun);

        // Preparing the controllers again: every package and service is in place, nothing is added, enabled, restarted or rebooted.
        cluster.ClearCalls();
        var prepareAgain = await op.RunAsync("component", "install", "prepare");
        Assert.True(prepareAgain.ExitCode == 0, prepareAgain.Output);
        Assert.All(new[] { C1, C2, C3 }, h =>
        {
            // One apk info -e for the whole package list (Apk.Add), lxc among them.
            Assert.Contains(cluster.Calls(h), c => c.Command == "apk" && c.Args.Take(2).SequenceEqual(["info", "-e"]) && c.Args.Contains("lxc"));
            Assert.DoesNotContain(cluster.Calls(h), c => (c.Command == "apk" && c.Args.Contains("add")) || c.Command is "rc-update" or "reboot"
                || (c.Command == "rc-service" && c.Args.Contains("restart")));
        });

        // Uninstall removes what bind installed.
        var uninstall = await op.RunAsync("component", "uninstall", "bind", "--yes");
        Assert.True(uninstall.ExitCode == 0, uninstall.Output);
        Assert.All(new[] { C1, C2, C3 }, h =>
        {
            Assert.False(cluster.FileExists(h, "/etc/bind/named.conf"), h);
            Assert.Contains(cluster.Calls(h), c => c.Command == "apk" && c.Args.SequenceEqual(["del", "bind"]));
            Assert.Contains(cluster.Calls(h), c => c.Command == "rc-update" && c.Args.SequenceEqual(["del", "named", "default"]));
            Assert.False(cluster.Enabled(h, "named") || cluster.Running(h, "named"), h);
            Assert.False(cluster.Installed(h, "bind"), h);
        });
        Assert.Equal(ComponentState.NotInstalled, InstallJournal.Load(Path.Combine(op.StateDir, "journal.json")).Get("bind").State);
        Assert.Contains("==== uninstall bind", op.Log("bind", "uninstall"));
    }

    [SimulationFact]
    public async Task A_failing_command_exits_1_naming_the_step_and_the_rerun_completes_without_repeating_finished_steps()
    {
        using var op = new CliScenario(cluster);
        cluster.ClearFaults();
        cluster.ClearCalls();
        cluster.InjectFault(C2, "rc-service", "named", 3);

        var failed = await op.RunAsync("cluster", "install", "--only", "bind,rsyslog");
        Assert.Equal(1, failed.ExitCode);
        Assert.Contains("bind", failed.Output);
        Assert.Contains(C2, failed.Output);
        Assert.Contains("bind-install.log", failed.Output);
        var journal = InstallJournal.Load(Path.Combine(op.StateDir, "journal.json"));
        var record = journal.Get("bind");
        Assert.Equal(ComponentState.Failed, record.State);
        Assert.Contains(C2, record.FailedStep);
        Assert.Equal(ComponentState.NotInstalled, journal.Get("rsyslog").State);
        var finished = record.CompletedSteps.ToList();
        Assert.NotEmpty(finished);

        cluster.ClearFaults();
        cluster.ClearCalls();
        var rerun = await op.RunAsync("cluster", "install", "--only", "bind,rsyslog");
        Assert.True(rerun.ExitCode == 0, rerun.Output);
        Assert.Contains("done earlier", rerun.Output);
        // The package step had finished everywhere before the fault: nobody is asked to check or add bind again.
        Assert.Contains(finished, s => s.StartsWith("install-package@", StringComparison.Ordinal));
        Assert.All(new[] { C1, C2, C3 }, h => Assert.DoesNotContain(cluster.Calls(h), c => c.Command == "apk" && c.Args.Contains("bind")));
        journal = InstallJournal.Load(Path.Combine(op.StateDir, "journal.json"));
        Assert.Equal(ComponentState.Installed, journal.Get("bind").State);
        Assert.Equal(ComponentState.Installed, journal.Get("rsyslog").State);
    }

    [SimulationFact]
    public async Task An_unknown_host_key_is_refused_and_nothing_runs_there()
    {
        var emptyKnownHosts = Path.Combine(Path.GetTempPath(), $"osinstall-empty-known-hosts-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(emptyKnownHosts, "");
        try
        {
            using var op = new CliScenario(cluster, c => c.Ssh.KnownHosts = emptyKnownHosts);
            cluster.ClearCalls();
            var r = await op.RunAsync("component", "install", "bind");
            Assert.Equal(1, r.ExitCode);
            Assert.Contains("SHA256:", r.Output);
            Assert.Contains(C1, r.Output);
            Assert.All(cluster.HostNames, h => Assert.Empty(cluster.Calls(h)));
            Assert.Equal("", await File.ReadAllTextAsync(emptyKnownHosts));
        }
        finally
        {
            File.Delete(emptyKnownHosts);
        }
    }

    [SimulationFact]
    public async Task Secrets_reach_no_log_file_and_not_the_console_even_verbose()
    {
        using var op = new CliScenario(cluster);
        cluster.ClearFaults();
        var r = await op.RunAsync("cluster", "install", "--only", "prepare,bind,rsyslog", "--verbose");
        Assert.True(r.ExitCode == 0, r.Output);
        var dry = await op.RunAsync("cluster", "install", "--dry-run");
        Assert.Equal(0, dry.ExitCode);
        var texts = op.AllLogFiles().Select(File.ReadAllText).Append(r.Output).Append(dry.Output).ToList();
        Assert.Contains("exit=0", r.Output); // --verbose echoed the log to the console
        foreach (var (name, value) in op.Secrets.Values)
        {
            Assert.All(texts, t => Assert.False(t.Contains(value, StringComparison.Ordinal), $"secret {name} leaked"));
        }
        // ...while the hosts did receive them where they belong.
        Assert.Contains(op.Secrets.Get("ceph_admin_key"), cluster.ReadFile(C2, "/etc/ceph/ceph.client.admin.keyring"));
    }

    [SimulationFact]
    public async Task A_dry_run_contacts_no_host()
    {
        using var op = new CliScenario(cluster);
        cluster.ClearCalls();
        var logins = cluster.Hosts.Sum(h => h.AcceptedLogins());
        var r = await op.RunAsync("cluster", "install", "--dry-run");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("apk add bind", r.Output);
        Assert.Equal(logins, cluster.Hosts.Sum(h => h.AcceptedLogins()));
        Assert.All(cluster.HostNames, h => Assert.Empty(cluster.Calls(h)));
        Assert.False(File.Exists(Path.Combine(op.StateDir, "journal.json")));
    }
}
