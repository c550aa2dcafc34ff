using OsInstall.Common.Shell;
using OsInstall.Common.Targets;
using OsInstall.Common.Targets.Ssh;
using OsInstall.Tests.Simulation;
using Xunit;

namespace OsInstall.Tests.Ssh;

[Collection(SimulatedClusterCollection.Name)]
public sealed class SshTargetTests(SimulatedCluster cluster)
{
    private const string Host = "o3p-os-controller-2";

    [SimulationFact]
    public async Task Command_returns_exit_code_stdout_and_stderr()
    {
        await using var provider = new SshTargetProvider(cluster.CreateConfig(), acceptNewHostKeys: false);
        var target = await provider.GetAsync(Host);

        var result = await target.RunAsync("echo out; echo err >&2; exit 3");

        Assert.Equal(3, result.ExitCode);
        Assert.Equal("out\n", result.StdOut);
        Assert.Equal("err\n", result.StdErr);
        Assert.True(result.Duration > TimeSpan.Zero);
    }

    [SimulationFact]
    public async Task Commands_run_inside_the_hosts_own_root()
    {
        await using var provider = new SshTargetProvider(cluster.CreateConfig(), acceptNewHostKeys: false);
        var target = await provider.GetAsync(Host);

        var result = await target.RunCheckedAsync("cat /etc/hostname; id -u");

        Assert.Equal($"{Host}\n0\n", result.StdOut);
    }

    [SimulationFact]
    public async Task Stand_ins_win_over_busybox_applets_and_PATH_and_record_their_calls()
    {
        await using var provider = new SshTargetProvider(cluster.CreateConfig(), acceptNewHostKeys: false);
        var target = await provider.GetAsync(Host);
        cluster.ClearCalls();

        var lookup = await target.RunAsync(
            "for c in " + Sh.Join(StandIns.Commands) + "; do command -v \"$c\"; done");

        Assert.Equal(string.Concat(StandIns.Commands.Select(c => $"/usr/local/bin/{c}\n")), lookup.StdOut);
        Assert.Empty(cluster.Calls(Host));

        // Harmless even on a real machine (-w only writes wtmp, kill -0 only tests), and run
        // only when every name resolved to its stand-in.
        var guard = "for c in reboot halt ip kill sysctl; do [ \"$(command -v $c)\" = /usr/local/bin/$c ] || exit 99; done; ";
        var run = await target.RunAsync(guard + "reboot -w; /sbin/halt -w; ip link show; kill -0 1; xargs sysctl < /dev/null; timeout 5 sysctl kernel.ostype");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["reboot -w", "halt -w", "ip link show", "kill -0 1", "sysctl", "sysctl kernel.ostype"],
            cluster.Calls(Host).Select(c => c.ToString().TrimEnd()));
    }

    [SimulationFact]
    public async Task WriteFile_sets_content_mode_and_owner_and_reports_unchanged_the_second_time()
    {
        await using var provider = new SshTargetProvider(cluster.CreateConfig(), acceptNewHostKeys: false);
        var target = await provider.GetAsync(Host);
        var content = "line one\nsecret = 'x\"$y'\n";
        var spec = new FileSpec("0640", "root", "wheel");
        await target.RunAsync("rm -f /etc/osinstall-test/app.conf");

        var first = await target.WriteFileAsync("/etc/osinstall-test/app.conf", content, spec);
        var second = await target.WriteFileAsync("/etc/osinstall-test/app.conf", content, spec);

        Assert.True(first);
        Assert.False(second);
        Assert.Equal(content, cluster.ReadFile(Host, "/etc/osinstall-test/app.conf"));
        var stat = await target.RunCheckedAsync(Sh.Join("stat", "-c", "%a %U %G", "/etc/osinstall-test/app.conf"));
        Assert.Equal("640 root wheel\n", stat.StdOut);
        Assert.Equal(content, await target.ReadFileAsync("/etc/osinstall-test/app.conf"));
        Assert.True(await target.ExistsAsync("/etc/osinstall-test/app.conf"));
    }

    [SimulationFact]
    public async Task ReadFile_of_an_absent_file_is_null()
    {
        await using var provider = new SshTargetProvider(cluster.CreateConfig(), acceptNewHostKeys: false);
        var target = await provider.GetAsync(Host);

        Assert.Null(await target.ReadFileAsync("/etc/does-not-exist.conf"));
        Assert.False(await target.ExistsAsync("/etc/does-not-exist.conf"));
    }

    [SimulationFact]
    public async Task A_value_with_shell_metacharacters_arrives_as_one_literal_argument()
    {
        await using var provider = new SshTargetProvider(cluster.CreateConfig(), acceptNewHostKeys: false);
        var target = await provider.GetAsync(Host);
        cluster.ClearCalls();
        var nasty = "it's \"quoted\" $HOME `id` ; rm -rf / | cat & <in >out\nsecond line \\ end";

        await target.RunCheckedAsync(Sh.Join("rc-service", nasty, "plain"));

        var call = Assert.Single(cluster.Calls(Host));
        Assert.Equal("rc-service", call.Command);
        Assert.Equal([nasty, "plain"], call.Args);
    }

    [SimulationFact]
    public async Task An_injected_fault_fails_the_matching_call_only()
    {
        await using var provider = new SshTargetProvider(cluster.CreateConfig(), acceptNewHostKeys: false);
        var target = await provider.GetAsync(Host);
        cluster.ClearCalls();
        cluster.InjectFault(Host, "apk", "add bind", 7);
        try
        {
            var failed = await target.RunAsync("apk add bind bind-tools");
            var passed = await target.RunAsync("apk add rsyslog");

            Assert.Equal(7, failed.ExitCode);
            Assert.Contains("injected fault", failed.StdErr, StringComparison.Ordinal);
            Assert.Equal(0, passed.ExitCode);
            Assert.Equal(2, cluster.Calls(Host).Count);
        }
        finally
        {
            cluster.ClearFaults();
        }
    }

    [SimulationFact]
    public async Task A_command_that_outlives_its_timeout_reports_exit_124()
    {
        var config = cluster.CreateConfig();
        config.Ssh.CommandTimeoutSeconds = 1;
        await using var provider = new SshTargetProvider(config, acceptNewHostKeys: false);
        var target = await provider.GetAsync(Host);

        var result = await target.RunAsync("sleep 5");

        Assert.Equal(124, result.ExitCode);
        Assert.Contains("timed out", result.StdErr, StringComparison.Ordinal);
    }

    [SimulationFact]
    public async Task Cancellation_stops_waiting_for_a_command()
    {
        await using var provider = new SshTargetProvider(cluster.CreateConfig(), acceptNewHostKeys: false);
        var target = await provider.GetAsync(Host);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => target.RunAsync("sleep 5", cts.Token));
    }
}
