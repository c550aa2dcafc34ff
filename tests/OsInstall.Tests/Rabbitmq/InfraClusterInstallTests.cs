using OsInstall.Common.Alpine;
using OsInstall.Common.Containers;
using OsInstall.Common.Engine;
using OsInstall.Common.Journal;
using OsInstall.Common.OpenStack;
using OsInstall.Common.Targets;
using OsInstall.Components;
using OsInstall.Components.Memcached;
using OsInstall.Components.Rabbitmq;
using OsInstall.Tests.Containers;
using OsInstall.Tests.EndToEnd;
using OsInstall.Tests.Prepare;
using OsInstall.Tests.Simulation;
using OsInstall.Tests.TestSupport;

namespace OsInstall.Tests.Rabbitmq;

/// <summary>
/// rabbitmq and memcached end to end on the simulated cluster: the real CLI installs prepare, bind,
/// rsyslog and the two container sets; what each controller and container was asked is checked;
/// a second install of both asks nothing that changes anything; the health checks read what the
/// containers answer; the uninstall removes the containers. Inside the containers nothing runs
/// here (lxc-attach is a recording stand-in), so the health checks are given the answers a real
/// RabbitMQ and memcached give (their format is checked against real servers in this folder and
/// in ../Memcached).
/// </summary>
[Collection(InfraSimulatedCollection.Name)]
public sealed class InfraClusterInstallTests(InfraSimulatedCluster cluster)
{
    private const string C1 = "o3p-os-controller-1";
    private const string C2 = "o3p-os-controller-2";
    private const string C3 = "o3p-os-controller-3";
    private static readonly string[] Controllers = [C1, C2, C3];

    // As rabbitmqctl -q cluster_status --formatter json answers (3.10, fields trimmed).
    private static string ClusterStatus(params string[] running) =>
        "{\"alarms\":[],\"cluster_name\":\"rabbit@rabbitmq-1.oppp.lab\",\"disk_nodes\":[\"rabbit@rabbitmq-1\",\"rabbit@rabbitmq-2\",\"rabbit@rabbitmq-3\"]," +
        $"\"partitions\":{{}},\"ram_nodes\":[],\"running_nodes\":[{string.Join(',', running.Select(r => $"\"{r}\""))}]}}\n";

    private const string Stats = "STAT pid 4242\r\nSTAT uptime 10\r\nEND\r\n";

    [SimulationFact]
    public async Task Install_rerun_verify_and_uninstall_rabbitmq_and_memcached()
    {
        using var op = new CliScenario(cluster);
        cluster.ClearFaults();
        cluster.ClearCalls();
        // Node 1 answers the rabbitmq check; every instance answers the memcached one.
        cluster.SetOutput(C1, "lxc-attach", ClusterStatus("rabbit@rabbitmq-1", "rabbit@rabbitmq-2", "rabbit@rabbitmq-3") + Stats);
        cluster.SetOutput(C2, "lxc-attach", Stats);
        cluster.SetOutput(C3, "lxc-attach", Stats);

        var install = await op.RunAsync("cluster", "install", "--only", "prepare,bind,rsyslog,rabbitmq,memcached");
        Assert.True(install.ExitCode == 0, install.Output);
        var journal = InstallJournal.Load(Path.Combine(op.StateDir, "journal.json"));
        Assert.Equal(ComponentState.Installed, journal.Get("rabbitmq").State);
        Assert.Equal(ComponentState.Installed, journal.Get("memcached").State);
        Assert.Contains("health rabbit@rabbitmq-3 running in the cluster: ok", op.Log("rabbitmq"), StringComparison.Ordinal);
        Assert.Contains("answers stats: ok", op.Log("memcached"), StringComparison.Ordinal);

        var release = RabbitmqRelease.From(Config(op));
        var ctl = new RabbitmqCtl(release.Ctl);
        var calls = Controllers.ToDictionary(h => h, h => ContainerCall.Of(cluster, h));

        // Provisioning happens once, in the -1 containers on controller-1; the others are clones.
        var inRabbit1 = calls[C1].Where(c => c.Container == "rabbitmq-1").Select(c => c.Command).ToList();
        Assert.Contains(Apk.Add(RabbitmqRelease.Packages), inRabbit1);
        Assert.Contains(inRabbit1, c => c.Contains(release.Url, StringComparison.Ordinal) && c.StartsWith($"[ -x {release.Server} ] ||", StringComparison.Ordinal));
        Assert.Contains(inRabbit1, c => c.Contains("adduser -S -D -H -h /var/lib/rabbitmq", StringComparison.Ordinal));
        Assert.Contains(Apk.Add(MemcachedInstaller.Package), calls[C1].Where(c => c.Container == "memcached-1").Select(c => c.Command));
        foreach (var h in new[] { C2, C3 })
        {
            Assert.DoesNotContain(calls[h], c => c.Command.Contains("apk add", StringComparison.Ordinal) && c.Container.StartsWith("rabbitmq", StringComparison.Ordinal));
            Assert.DoesNotContain(calls[h], c => c.Command.Contains(release.Url, StringComparison.Ordinal));
        }

        for (var i = 1; i <= 3; i++)
        {
            var host = Controllers[i - 1];
            var rabbit = calls[host].Where(c => c.Container == $"rabbitmq-{i}").ToList();
            var files = rabbit.Select(c => c.WrittenFile).OfType<(string Path, string Content)>().ToDictionary(f => f.Path, f => f.Content);
            Assert.Contains($"NODENAME=rabbit@rabbitmq-{i}\n", files[release.EnvPath], StringComparison.Ordinal);
            Assert.Contains("log.console = true", files[release.ConfPath], StringComparison.Ordinal);
            Assert.StartsWith("#!/sbin/openrc-run", files[RabbitmqFiles.InitScriptPath], StringComparison.Ordinal);
            // The cookie arrives on standard input: its path and mode are in the command, its value is not.
            var secretWrites = rabbit.Where(c => c.SecretFile is not null).ToList();
            Assert.Contains(secretWrites, c => c.SecretFile == RabbitmqFiles.CookiePath && c.Command.Contains("chmod 0400", StringComparison.Ordinal)
                && c.Command.Contains("chown rabbitmq:rabbitmq", StringComparison.Ordinal));
            Assert.Contains(secretWrites, c => c.SecretFile == RabbitmqFiles.RootCookiePath);
            Assert.Contains(new OpenRcService(RabbitmqFiles.ServiceName).EnableAndRun(false), rabbit.Select(c => c.Command));

            var memcached = calls[host].Where(c => c.Container == $"memcached-{i}").ToList();
            var conf = memcached.Select(c => c.WrittenFile).OfType<(string Path, string Content)>().Single(f => f.Path == MemcachedInstaller.ConfPath).Content;
            Assert.Contains("LISTENON=\"0.0.0.0\"", conf, StringComparison.Ordinal);
            Assert.Contains(new OpenRcService("memcached").EnableAndRun(false), memcached.Select(c => c.Command));
        }

        // Nodes 2 and 3 join node 1, each once; node 1 joins nobody. The user is created once, on node 1.
        var join = ctl.Join("rabbit@rabbitmq-1");
        Assert.DoesNotContain(calls[C1], c => c.Command.Contains("join_cluster", StringComparison.Ordinal));
        Assert.Single(calls[C2], c => c.Container == "rabbitmq-2" && c.Command == join);
        Assert.Single(calls[C3], c => c.Container == "rabbitmq-3" && c.Command == join);
        var userCalls = Controllers.SelectMany(h => calls[h]).Where(c => c.Command.Contains("add_user", StringComparison.Ordinal)).ToList();
        var user = Assert.Single(userCalls);
        Assert.Equal(("o3p-os-controller-1", "rabbitmq-1"), (user.Host, user.Container));
        Assert.Contains(ctl.EnsureUser(ClusterEndpoints.RabbitmqUser, RabbitmqInstaller.PasswordFile), user.Command, StringComparison.Ordinal);
        Assert.Contains(ctl.EnsureFullPermissions(ClusterEndpoints.RabbitmqUser, "/"), user.Command, StringComparison.Ordinal);
        Assert.Contains(calls[C1], c => c.SecretFile == RabbitmqInstaller.PasswordFile);

        // No secret on any command line, in any log, or left staged on a controller.
        var recorded = string.Join('\n', cluster.HostNames.SelectMany(h => cluster.Calls(h)).Select(c => c.ArgLine));
        var logs = string.Join('\n', op.AllLogFiles().Select(File.ReadAllText)) + install.Output;
        foreach (var name in new[] { RabbitmqInstaller.CookieSecret, ClusterEndpoints.RabbitmqPasswordSecret })
        {
            var value = op.Secrets.Get(name);
            Assert.DoesNotContain(value, recorded, StringComparison.Ordinal);
            Assert.DoesNotContain(value, logs, StringComparison.Ordinal);
            Assert.DoesNotContain(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(value)), logs, StringComparison.Ordinal);
        }
        Assert.All(Controllers, h => Assert.Empty(Directory.EnumerateFileSystemEntries(cluster.InRoot(h, ContainerTarget.SecretStagingDir))));

        // Installing both again: every step runs, nothing is created, started, restarted, added or joined anew.
        var commands = new List<string>();
        cluster.ClearCalls();
        await RunAsync(op, commands, uninstall: false);
        foreach (var h in Controllers)
        {
            Assert.DoesNotContain(cluster.Calls(h), c => c.Command is "lxc-create" or "lxc-start" or "lxc-stop" or "lxc-destroy"
                || (c.Command == "rbd" && (c.Args.Contains("clone") || c.Args.Contains("create") || c.Args.Contains("snap"))
                    && !c.Args.Contains("ls")));
            Assert.DoesNotContain(cluster.Calls(h), c => c.Command == "apk" && c.Args.Contains("add"));
            var again = ContainerCall.Of(cluster, h);
            Assert.NotEmpty(again);
            Assert.DoesNotContain(again, c => c.Command.Contains(" restart", StringComparison.Ordinal));
            // What joins or adds only does so behind its check.
            Assert.All(again.Where(c => c.Command.Contains("join_cluster", StringComparison.Ordinal)), c => Assert.Equal(join, c.Command));
            Assert.All(again.Where(c => c.Command.Contains("add_user", StringComparison.Ordinal)),
                c => Assert.Contains(ctl.EnsureUser(ClusterEndpoints.RabbitmqUser, RabbitmqInstaller.PasswordFile), c.Command, StringComparison.Ordinal));
        }

        // Health: one node not running, one memcached not answering.
        cluster.SetOutput(C1, "lxc-attach", ClusterStatus("rabbit@rabbitmq-1", "rabbit@rabbitmq-2") + Stats);
        cluster.SetOutput(C3, "lxc-attach", "");
        var rabbitHealth = await VerifyAsync(op, new RabbitmqInstaller());
        Assert.Equal([true, true, false], rabbitHealth.Checks.Select(c => c.Ok));
        Assert.Contains("rabbit@rabbitmq-3", rabbitHealth.Checks[2].Check, StringComparison.Ordinal);
        var memcachedHealth = await VerifyAsync(op, new MemcachedInstaller());
        Assert.Equal([true, true, false], memcachedHealth.Checks.Select(c => c.Ok));
        Assert.Equal(C3, memcachedHealth.Checks[2].Host);
        File.Delete(cluster.InRoot(C1, $"{StandIns.OutputDirectory}/lxc-attach"));
        File.Delete(cluster.InRoot(C2, $"{StandIns.OutputDirectory}/lxc-attach"));
        File.Delete(cluster.InRoot(C3, $"{StandIns.OutputDirectory}/lxc-attach"));

        // Uninstall: the containers go (clones first): stopped, their LXC directory and their image removed.
        cluster.ClearCalls();
        await RunAsync(op, commands, uninstall: true);
        for (var i = 1; i <= 3; i++)
        {
            var host = Controllers[i - 1];
            foreach (var set in new[] { "rabbitmq", "memcached" })
            {
                Assert.Contains(cluster.Calls(host), c => c.Command == "lxc-stop" && c.Args.Contains($"{set}-{i}"));
                Assert.Contains(cluster.Calls(host), c => c.Command == "rbd" && c.Args.Contains("rm") && c.Args.Contains($"{set}-{i}"));
                Assert.False(cluster.FileExists(host, $"/var/lib/lxc/{set}-{i}"), $"{set}-{i} is still configured on {host}");
            }
        }
        await using (var provider = cluster.CreateProvider(config: Config(op)))
        {
            var host = await provider.GetAsync(C1);
            var images = await new RbdCli(Config(op).Ceph).ListAsync(host, CancellationToken.None);
            Assert.DoesNotContain(images, i => i.StartsWith("rabbitmq-", StringComparison.Ordinal) || i.StartsWith("memcached-", StringComparison.Ordinal));
        }

        // Every command line sent, install and uninstall, passes shellcheck as POSIX sh.
        var script = string.Join('\n', commands.Distinct(StringComparer.Ordinal)
            .Select(c => c.StartsWith("lxc-attach ", StringComparison.Ordinal) ? "# shellcheck disable=SC2016\n" + c : c));
        var (code, findings) = await ShellCheck.RunAsync("#!/bin/sh\n" + script + "\n");
        Assert.True(code == 0, findings);
        // ...and so do the commands inside the containers, as their /bin/sh sees them.
        var inside = string.Join('\n', commands
            .Where(c => c.StartsWith("lxc-attach ", StringComparison.Ordinal)).Select(Payload).Distinct(StringComparer.Ordinal));
        var (code2, findings2) = await ShellCheck.RunAsync("#!/bin/sh\n" + inside + "\n");
        Assert.True(code2 == 0, findings2);
    }

    private static OsInstall.Common.Config.ClusterConfig Config(CliScenario op) =>
        OsInstall.Common.Config.ConfigLoader.LoadFile(op.ConfigPath).Config!;

    private async Task RunAsync(CliScenario op, List<string> commands, bool uninstall)
    {
        await using var provider = new RecordingTargetProvider(cluster.CreateProvider(config: Config(op)), commands);
        using var logs = new TempDir("osinstall-infra-logs");
        var runner = new ComponentRunner(Config(op), op.Secrets, ComponentCatalog.Templates, provider, InstallJournal.InMemory(),
            new RunOptions { LogDir = logs.Path, Force = true, VerifyAfterInstall = false });
        IComponent[] components = [new RabbitmqInstaller(), new MemcachedInstaller()];
        await (uninstall ? runner.UninstallAsync(components, CancellationToken.None) : runner.InstallAsync(components, CancellationToken.None));
    }

    private async Task<HealthReport> VerifyAsync(CliScenario op, IComponent component)
    {
        await using var provider = cluster.CreateProvider(config: Config(op));
        using var logs = new TempDir("osinstall-infra-logs");
        var runner = new ComponentRunner(Config(op), op.Secrets, ComponentCatalog.Templates, provider, InstallJournal.InMemory(),
            new RunOptions { LogDir = logs.Path });
        return await runner.VerifyAsync(component, CancellationToken.None);
    }

    /// <summary>The command an lxc-attach line hands to the container's sh: the word after -c, unquoted.</summary>
    private static string Payload(string attach)
    {
        var i = attach.IndexOf(" -c ", StringComparison.Ordinal) + 4;
        var word = new System.Text.StringBuilder();
        while (i < attach.Length && attach[i] != ' ')
        {
            if (attach[i] == '\'')
            {
                var end = attach.IndexOf('\'', i + 1);
                word.Append(attach, i + 1, end - i - 1);
                i = end + 1;
            }
            else if (attach[i] == '\\')
            {
                word.Append(attach[i + 1]);
                i += 2;
            }
            else
            {
                word.Append(attach[i++]);
            }
        }
        return word.ToString();
    }
}
