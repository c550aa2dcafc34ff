using System.Diagnostics;
using System.Text;
using OsInstall.Common.Targets;
using OsInstall.Common.Targets.Ssh;
using OsInstall.Tests.Simulation;
using Xunit;

namespace OsInstall.Tests.Ssh;

/// <summary>
/// Commands share long-lived remote shells (SshTarget's pool): output is cut out byte-exact, and
/// nothing one command does reaches the shell or the next command.
/// </summary>
[Collection(SimulatedClusterCollection.Name)]
public sealed class ShellSessionTests(SimulatedCluster cluster)
{
    private const string Host = "o3p-os-controller-1";

    // The session shell's own pid: a subshell's $$ is its parent's, so equal values mean the same shell.
    private const string ShellPid = "echo $$";

    [SimulationFact]
    public async Task Output_is_exact_with_or_without_a_trailing_newline()
    {
        await using var provider = cluster.CreateProvider();
        var target = await provider.GetAsync(Host);

        Assert.Equal("abc", (await target.RunAsync("printf abc")).StdOut);
        Assert.Equal("a\n\nb\n\n", (await target.RunAsync("printf 'a\\n\\nb\\n\\n'")).StdOut);
        var nothing = await target.RunAsync("true");
        Assert.Equal(("", ""), (nothing.StdOut, nothing.StdErr));
        var both = await target.RunAsync("printf x; printf y >&2");
        Assert.Equal(("x", "y"), (both.StdOut, both.StdErr));
        // Not UTF-8: decoded as SSH.NET decodes a command's output, the byte replaced.
        Assert.Equal("a\uFFFDb", (await target.RunAsync("printf 'a\\377b'")).StdOut);
        Assert.Equal(1, ((SshTarget)target).ShellsOpened);
    }

    [SimulationFact]
    public async Task Several_megabytes_of_output_arrive_byte_exact()
    {
        await using var provider = cluster.CreateProvider();
        var target = await provider.GetAsync(Host);
        var random = new Random(7);
        var text = new StringBuilder();
        while (text.Length < 5 * 1024 * 1024)
        {
            text.Append((char)random.Next(32, 127));
            if (random.Next(60) == 0)
            {
                text.Append('\n');
            }
        }
        text.Append("no newline at the end");
        File.WriteAllText(cluster.InRoot(Host, "/tmp/osinstall-big.txt"), text.ToString());
        try
        {
            var cat = await target.RunAsync("cat /tmp/osinstall-big.txt");
            Assert.Equal(0, cat.ExitCode);
            Assert.True(text.ToString() == cat.StdOut, $"stdout differs: {cat.StdOut.Length} chars for {text.Length}");
            // The same file through base64 (about 7 MB), as ReadFileAsync fetches files.
            Assert.True(text.ToString() == await target.ReadFileAsync("/tmp/osinstall-big.txt"), "ReadFileAsync differs");
            Assert.Equal("after\n", (await target.RunAsync("echo after")).StdOut);
        }
        finally
        {
            File.Delete(cluster.InRoot(Host, "/tmp/osinstall-big.txt"));
        }
    }

    [SimulationFact]
    public async Task Stderr_stays_separate_from_stdout()
    {
        await using var provider = cluster.CreateProvider();
        var target = await provider.GetAsync(Host);

        var result = await target.RunAsync("echo o1; echo e1 >&2; printf o2; printf e2 >&2; ls /no/such/dir; exit 0");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("o1\no2", result.StdOut);
        Assert.StartsWith("e1\ne2", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("/no/such/dir", result.StdErr, StringComparison.Ordinal);
        Assert.Equal(("", ""), ((await target.RunAsync("true")).StdOut, (await target.RunAsync("true")).StdErr));
    }

    [SimulationFact]
    public async Task An_exit_status_or_a_syntax_error_ends_the_command_not_the_shell()
    {
        await using var provider = cluster.CreateProvider();
        var target = (SshTarget)await provider.GetAsync(Host);
        var shell = (await target.RunCheckedAsync(ShellPid)).StdOut;

        var exit3 = await target.RunAsync("echo before; exit 3; echo never");
        var syntax = await target.RunAsync("if then fi (");
        var unterminated = await target.RunAsync("echo 'open quote");
        var exec = await target.RunAsync("exec echo replaced");

        Assert.Equal((3, "before\n"), (exit3.ExitCode, exit3.StdOut));
        Assert.Equal(2, syntax.ExitCode);
        Assert.Contains("syntax error", syntax.StdErr, StringComparison.Ordinal);
        Assert.NotEqual(0, unterminated.ExitCode);
        Assert.Equal((0, "replaced\n"), (exec.ExitCode, exec.StdOut));
        Assert.Equal(shell, (await target.RunCheckedAsync(ShellPid)).StdOut);
        Assert.Equal(1, target.ShellsOpened);
    }

    [SimulationFact]
    public async Task What_a_command_changes_does_not_reach_the_next_command()
    {
        await using var provider = cluster.CreateProvider();
        var target = (SshTarget)await provider.GetAsync(Host);
        // Directory, variables, umask, options, traps, functions and file descriptors as a command finds them.
        const string probe = "echo \"$$ $(pwd) x=${X-unset} y=${Y-unset} $(umask)\"; f 2>/dev/null || echo no-f; " +
            "false; echo survives-false; echo $undefined_var_ok; echo to-stderr >&2";
        var before = await target.RunCheckedAsync(probe);

        var changes = await target.RunAsync(
            "cd /tmp && export X=1 && Y=2 && umask 077 && set -eu && f() { echo f; } && trap 'echo trapped' EXIT && exec 2>/dev/null 1>/dev/null; echo hidden");
        var after = await target.RunCheckedAsync(probe);

        Assert.Equal(0, changes.ExitCode);
        Assert.Equal("", changes.StdOut); // the command's own EXIT trap printed into its silenced stdout
        Assert.Equal(before.StdOut, after.StdOut);
        Assert.Equal("to-stderr\n", after.StdErr);
        Assert.Contains("survives-false\n", after.StdOut, StringComparison.Ordinal);
        Assert.Equal(1, target.ShellsOpened);
    }

    [SimulationFact]
    public async Task A_command_reading_stdin_gets_end_of_file_at_once()
    {
        var config = cluster.CreateConfig();
        config.Ssh.CommandTimeoutSeconds = 30;
        await using var provider = cluster.CreateProvider(config: config);
        var target = await provider.GetAsync(Host);

        var result = await target.RunAsync("cat; echo \"cat=$?\"; read line; echo \"read=$?\"; head -c 10 | wc -c");
        var next = await target.RunAsync("echo next");

        Assert.Equal((0, "cat=0\nread=1\n0\n"), (result.ExitCode, result.StdOut.Replace(" ", "", StringComparison.Ordinal)));
        Assert.Equal("next\n", next.StdOut);
    }

    [SimulationFact]
    public async Task Concurrent_commands_on_one_host_each_get_their_own_output()
    {
        await using var provider = cluster.CreateProvider();
        var target = (SshTarget)await provider.GetAsync(Host);

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            target.RunAsync($"echo out-{i}; sleep 0.2; printf err-{i} >&2; printf 'tail-{i}'; exit {i % 5}")));

        for (var i = 0; i < 20; i++)
        {
            Assert.Equal((i % 5, $"out-{i}\ntail-{i}", $"err-{i}"), (results[i].ExitCode, results[i].StdOut, results[i].StdErr));
        }
        Assert.Equal(1, target.ConnectionsOpened);
        Assert.InRange(target.ShellsOpened, 2, 10); // at most maxChannels shells, reused by the commands that waited
        // Back in the pool: the next commands reuse them.
        var opened = target.ShellsOpened;
        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => target.RunCheckedAsync("true")));
        Assert.Equal(opened, target.ShellsOpened);
    }

    [SimulationFact]
    public async Task A_timed_out_command_discards_its_shell_and_the_next_command_runs()
    {
        var config = cluster.CreateConfig();
        config.Ssh.CommandTimeoutSeconds = 1;
        await using var provider = cluster.CreateProvider(config: config);
        var target = (SshTarget)await provider.GetAsync(Host);
        var shell = (await target.RunCheckedAsync(ShellPid)).StdOut;

        var timedOut = await target.RunAsync("echo before; sleep 5; echo after");
        var next = await target.RunAsync(ShellPid);

        Assert.Equal(124, timedOut.ExitCode);
        Assert.Contains("timed out after", timedOut.StdErr, StringComparison.Ordinal);
        Assert.Equal("before\n", timedOut.StdOut); // what it printed before the timeout, as over a channel of its own
        Assert.Equal(0, next.ExitCode);
        Assert.NotEqual(shell, next.StdOut);
        Assert.Equal(2, target.ShellsOpened);
        // Not asserted: that the connection stayed the same. The dead shell is told from a lost connection
        // by opening a fresh shell, but in about 1 run in 15 (2 cores, busy) SSH.NET reports the session
        // as not connected right after the channel's process died, and the target then reconnects: correct
        // for what it is told, one connection more.
        Assert.InRange(target.ConnectionsOpened, 1, 2);
    }

    [SimulationFact]
    public async Task A_cancelled_command_discards_its_shell_and_the_next_command_runs()
    {
        await using var provider = cluster.CreateProvider();
        var target = (SshTarget)await provider.GetAsync(Host);
        var shell = (await target.RunCheckedAsync(ShellPid)).StdOut;
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => target.RunAsync("sleep 5", cts.Token));
        var next = await target.RunAsync(ShellPid);

        Assert.Equal(0, next.ExitCode);
        Assert.NotEqual(shell, next.StdOut);
        Assert.Equal(1, target.ConnectionsOpened);
    }

    [SimulationFact]
    public async Task A_shell_that_died_while_idle_is_not_reused()
    {
        await using var provider = cluster.CreateProvider();
        var target = (SshTarget)await provider.GetAsync(Host);
        var pid = int.Parse((await target.RunCheckedAsync(ShellPid)).StdOut.Trim());

        // No pid namespace in the simulation: the shell's pid is this machine's.
        using (var shell = Process.GetProcessById(pid))
        {
            shell.Kill();
            await shell.WaitForExitAsync();
        }
        var next = await target.RunAsync(ShellPid);

        Assert.Equal(0, next.ExitCode);
        Assert.NotEqual($"{pid}\n", next.StdOut);
        Assert.Equal(2, target.ShellsOpened);
        // Not asserted: that the connection stayed the same. The dead shell is told from a lost connection
        // by opening a fresh shell, but in about 1 run in 15 (2 cores, busy) SSH.NET reports the session
        // as not connected right after the channel's process died, and the target then reconnects: correct
        // for what it is told, one connection more.
        Assert.InRange(target.ConnectionsOpened, 1, 2);
    }

    [SimulationFact]
    public async Task Marker_lookalikes_in_a_commands_output_are_output()
    {
        await using var provider = cluster.CreateProvider();
        var target = await provider.GetAsync(Host);
        // The markers' shape (see ShellReply) with a nonce the command cannot know, on both streams.
        const string fake = "\n0123456789abcdef0123456789abcdef.1.end.0\n0123456789abcdef0123456789abcdef.2.start\n\n" +
            "0123456789abcdef0123456789abcdef.2.end\n.end.0\n";

        var result = await target.RunAsync($"printf %s {OsInstall.Common.Shell.Sh.Quote(fake)}; printf %s {OsInstall.Common.Shell.Sh.Quote(fake)} >&2; exit 4");

        Assert.Equal((4, fake, fake), (result.ExitCode, result.StdOut, result.StdErr));
        Assert.Equal("ok\n", (await target.RunAsync("echo ok")).StdOut);
    }
}
