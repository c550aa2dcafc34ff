using System.Diagnostics;
using OsInstall.Common.Targets;
using OsInstall.Common.Targets.Ssh;
using OsInstall.Tests.Simulation;
using Xunit;
using Xunit.Abstractions;

namespace OsInstall.Tests.Ssh;

[Collection(SimulatedClusterCollection.Name)]
public sealed class ConnectionTests(SimulatedCluster cluster, ITestOutputHelper output)
{
    private const string Host = "o3p-os-controller-3";

    [SimulationFact]
    public async Task A_dropped_connection_is_reopened_once_for_the_next_command()
    {
        await using var provider = new SshTargetProvider(cluster.CreateConfig(), acceptNewHostKeys: false);
        var target = (SshTarget)await provider.GetAsync(Host);
        Assert.Equal(0, (await target.RunAsync("true")).ExitCode);

        Assert.True(cluster.Host(Host).DropConnections() > 0);
        await WaitUntilAsync(() => !target.IsConnected);
        var after = await target.RunAsync("echo back");

        Assert.Equal("back\n", after.StdOut);
        Assert.Equal(2, target.ConnectionsOpened);
    }

    [SimulationFact]
    public async Task A_command_sent_right_after_the_drop_is_still_run_once()
    {
        await using var provider = new SshTargetProvider(cluster.CreateConfig(), acceptNewHostKeys: false);
        var target = (SshTarget)await provider.GetAsync(Host);
        Assert.Equal(0, (await target.RunAsync("true")).ExitCode);
        cluster.ClearCalls();

        cluster.Host(Host).DropConnections();
        var after = await target.RunAsync("logger right-after-drop");

        Assert.Equal(0, after.ExitCode);
        Assert.Single(cluster.Calls(Host), c => c.Command == "logger");
        Assert.Equal(2, target.ConnectionsOpened);
    }

    [SimulationFact]
    public async Task A_connection_lost_mid_command_fails_the_step_without_rerunning_it_then_reconnects()
    {
        await using var provider = new SshTargetProvider(cluster.CreateConfig(), acceptNewHostKeys: false);
        var target = (SshTarget)await provider.GetAsync(Host);
        cluster.ClearCalls();

        var running = target.RunAsync("logger mid-command; sleep 5; echo finished");
        await WaitUntilAsync(() => cluster.Calls(Host).Count == 1);
        cluster.Host(Host).DropConnections();
        var ex = await Assert.ThrowsAsync<HostUnreachableException>(() => running);

        Assert.Equal(Host, ex.Host);
        Assert.Contains(Host, ex.Message, StringComparison.Ordinal);
        Assert.Single(cluster.Calls(Host));
        Assert.Equal(2, target.ConnectionsOpened);
        Assert.Equal("again\n", (await target.RunAsync("echo again")).StdOut);
        Assert.Equal(2, target.ConnectionsOpened);
    }

    [SimulationFact]
    public async Task Many_commands_caught_by_one_drop_reopen_the_connection_only_once()
    {
        await using var provider = new SshTargetProvider(cluster.CreateConfig(), acceptNewHostKeys: false);
        var target = (SshTarget)await provider.GetAsync(Host);

        var running = Enumerable.Range(0, 8).Select(i => target.RunAsync($"sleep 3; echo {i}")).ToList();
        await Task.Delay(500);
        cluster.Host(Host).DropConnections();
        var outcomes = await Task.WhenAll(running.Select(async t =>
        {
            try
            {
                return (await t).ExitCode.ToString();
            }
            catch (HostUnreachableException ex)
            {
                return ex.Host;
            }
        }));

        Assert.All(outcomes, o => Assert.Equal(Host, o));
        Assert.Equal("fine\n", (await target.RunAsync("echo fine")).StdOut);
        Assert.Equal(2, target.ConnectionsOpened);
    }

    [SimulationFact]
    public async Task An_unreachable_host_fails_with_HostUnreachableException_naming_it()
    {
        var config = cluster.CreateConfig();
        var node = config.ComputeNodes[^1];
        node.SshPort = UnusedPort(node.Address);
        config.Ssh.ConnectTimeoutSeconds = 2;
        await using var provider = new SshTargetProvider(config, acceptNewHostKeys: false);

        var ex = await Assert.ThrowsAsync<HostUnreachableException>(() => provider.GetAsync(node.Name));

        Assert.Equal(node.Name, ex.Host);
        Assert.StartsWith(node.Name + ":", ex.Message, StringComparison.Ordinal);
    }

    [SimulationFact]
    public async Task WaitUntilReachable_waits_for_a_restarted_host_and_times_out_for_a_dead_one()
    {
        var host = cluster.Host(Host);
        await using var provider = new SshTargetProvider(cluster.CreateConfig(), acceptNewHostKeys: false);
        var target = await provider.GetAsync(Host);
        try
        {
            host.Stop();
            await Assert.ThrowsAsync<HostUnreachableException>(() => provider.WaitUntilReachableAsync(Host, TimeSpan.FromSeconds(1.5)));

            var restart = Task.Run(async () =>
            {
                await Task.Delay(1500);
                await host.StartAsync();
            });
            await provider.WaitUntilReachableAsync(Host, TimeSpan.FromSeconds(30));
            await restart;

            Assert.Equal("up\n", (await target.RunAsync("echo up")).StdOut);
        }
        finally
        {
            await host.StartAsync();
        }
    }

    [SimulationFact]
    public async Task Concurrent_commands_and_GetAsync_calls_on_one_host_share_one_connection()
    {
        var host = cluster.Host(Host);
        var before = host.AcceptedLogins();
        await using var provider = new SshTargetProvider(cluster.CreateConfig(), acceptNewHostKeys: false);

        var targets = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => provider.GetAsync(Host)));
        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => targets[i % targets.Length].RunAsync($"sleep 0.2; echo {i}")));

        Assert.All(targets, t => Assert.Same(targets[0], t));
        Assert.Equal(Enumerable.Range(0, 40).Select(i => $"{i}\n"), results.Select(r => r.StdOut));
        await WaitUntilAsync(() => host.AcceptedLogins() >= before + 1);
        Assert.Equal(before + 1, host.AcceptedLogins());
        Assert.Equal(1, ((SshTarget)targets[0]).ConnectionsOpened);
    }

    [SimulationFact]
    public async Task Measure_pooled_command_against_one_ssh_process_per_command()
    {
        var host = cluster.Host(Host);
        await using var provider = new SshTargetProvider(cluster.CreateConfig(), acceptNewHostKeys: false);
        var target = await provider.GetAsync(Host);
        await target.RunAsync("true");

        var pooled = new List<double>();
        for (var i = 0; i < 50; i++)
        {
            var sw = Stopwatch.StartNew();
            await target.RunCheckedAsync("true");
            pooled.Add(sw.Elapsed.TotalMilliseconds);
        }
        var spawned = new List<double>();
        for (var i = 0; i < 10; i++)
        {
            var sw = Stopwatch.StartNew();
            HostRootBuilder.Run("/usr/bin/ssh", "-F", "/dev/null", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes",
                "-o", $"UserKnownHostsFile={cluster.KnownHostsFile}", "-o", "GlobalKnownHostsFile=/dev/null",
                "-i", cluster.ClientKeyFile, "-p", host.Port.ToString(), $"root@{host.Address}", "true");
            spawned.Add(sw.Elapsed.TotalMilliseconds);
        }

        output.WriteLine($"per-command time to {Host}: pooled SSH.NET connection median {Median(pooled):F2} ms (50 runs of `true`); " +
            $"`ssh -o BatchMode=yes host true` median {Median(spawned):F2} ms (10 runs)");
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met within 10s");
            await Task.Delay(20);
        }
    }

    private static int UnusedPort(string address)
    {
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Parse(address), 0);
        probe.Start();
        return ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
    }
}
