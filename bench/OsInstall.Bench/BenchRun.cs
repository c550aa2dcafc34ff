using System.Diagnostics;
using System.Globalization;
using OsInstall.Tests.Simulation;

namespace OsInstall.Bench;

/// <summary>The measurements, in order, against a running simulated cluster; prints the table.</summary>
public static class BenchRun
{
    private const string C1 = "o3p-os-controller-1";

    /// <summary>The fan-out sizes (compute nodes), each at --parallel 32 and --parallel 1.</summary>
    public static readonly int[] DefaultNodeCounts = [1, 4, 8, 16, 32];

    public static async Task<int> RunAsync(SimulatedCluster cluster, BenchOptions options)
    {
        var table = new ResultTable();
        var workSeconds = options.WorkSeconds;
        if (options.Runs("overhead"))
        {
            await CommandOverheadAsync(cluster, table);
        }
        if (options.Runs("fanout"))
        {
            await FanOutAsync(cluster, table, workSeconds, options.NodeCounts, options.Parallels);
        }
        if (options.Runs("startup"))
        {
            await StartupAsync(table);
        }
        Console.WriteLine($"osinstall bench {DateTime.UtcNow:yyyy-MM-dd HH:mm}Z, {Environment.ProcessorCount} cores, binary {Osinstall.AppHost}");
        Console.WriteLine(table.Render());
        return 0;
    }

    private static async Task CommandOverheadAsync(SimulatedCluster cluster, ResultTable table)
    {
        // 1. Command overhead: `true` over the pooled connection vs one ssh process per command.
        Console.Error.WriteLine("command overhead...");
        await using (var provider = cluster.CreateProvider())
        {
            var target = await provider.GetAsync(C1);
            for (var i = 0; i < 10; i++)
            {
                await target.RunAsync("true");
            }
            var pooled = await Samples.MeasureAsync(200, async () =>
            {
                var sw = Stopwatch.StartNew();
                var r = await target.RunAsync("true");
                return r.ExitCode == 0 ? sw.Elapsed : throw new InvalidOperationException("true failed over the pool");
            });
            var h = cluster.Host(C1);
            string[] sshArgs = ["-o", "BatchMode=yes", "-i", cluster.ClientKeyFile, "-o", $"UserKnownHostsFile={cluster.KnownHostsFile}", "-p", h.Port.ToString(CultureInfo.InvariantCulture), $"root@{h.Address}", "true"];
            var perProcess = await Samples.MeasureAsync(20, async () =>
            {
                var r = await ChildProcess.RunAsync("/usr/bin/ssh", sshArgs);
                return r.ExitCode == 0 ? r.Wall : throw new InvalidOperationException("ssh true failed: " + r.Output);
            });
            table.Add("command `true`, pooled SSH (median of 200)", ResultTable.Ms(pooled.MedianMs), $"ssh per command {ResultTable.Ms(perProcess.MedianMs)} (median of 20)",
                ResultTable.Ratio(pooled.MedianMs, perProcess.MedianMs), "<= 1/50", pooled.MedianMs * 50 <= perProcess.MedianMs);
        }

    }

    private static async Task FanOutAsync(SimulatedCluster cluster, ResultTable table, double workSeconds, IReadOnlyList<int> nodeCounts, IReadOnlyList<int> parallels)
    {
        // 2. Fan-out: component install compute on N compute nodes (package tarballs on controller-1, then every node).
        Console.Error.WriteLine($"fan-out (apk and make stand-ins sleep {workSeconds}s per call)...");
        foreach (var h in cluster.Hosts)
        {
            cluster.SetDelay(h.Name, "apk", workSeconds);
            cluster.SetDelay(h.Name, "make", workSeconds);
        }
        await FanOutRun.InstallAsync(cluster, 1, 32); // warm-up: file caches, sshd
        var fanOut = new Dictionary<(int Nodes, int Parallel), ChildProcess.Outcome>();
        foreach (var parallel in parallels)
        {
            foreach (var n in nodeCounts)
            {
                Console.Error.WriteLine($"  {n} compute nodes, --parallel {parallel}");
                fanOut[(n, parallel)] = await FanOutRun.InstallAsync(cluster, n, parallel);
            }
        }
        var baseline = fanOut.Keys.OrderBy(k => k.Nodes).ThenByDescending(k => k.Parallel).First();
        var one = fanOut[baseline].Wall.TotalMilliseconds;
        var baselineText = $"{baseline.Nodes} compute at --parallel {baseline.Parallel}: {ResultTable.Ms(one)}";
        var biggest = fanOut.Keys.OrderByDescending(k => k.Nodes).ThenByDescending(k => k.Parallel).First();
        foreach (var ((n, parallel), o) in fanOut.OrderByDescending(k => k.Key.Parallel).ThenBy(k => k.Key.Nodes))
        {
            var ms = o.Wall.TotalMilliseconds;
            var isTarget = n == 32 && parallel == 32 && baseline == (1, 32);
            var value = o.ExitCode == 0 ? ResultTable.Ms(ms) : $"FAILED (exit {o.ExitCode}) after {ResultTable.Ms(ms)}";
            table.Add($"install {FanOutRun.Component}, {n} compute node(s), --parallel {parallel}", value, baselineText,
                ResultTable.Ratio(ms, one), isTarget ? "<= 1.5x" : "-", isTarget ? o.ExitCode == 0 && ms <= 1.5 * one : null);
        }
        var peak = fanOut[biggest].PeakRssKiB;
        table.Add($"peak RSS, install {FanOutRun.Component} on {biggest.Nodes} compute, --parallel {biggest.Parallel}", $"{peak / 1024.0:0.0} MiB", "-", "-", "-", null);
        foreach (var h in cluster.Hosts)
        {
            File.Delete(cluster.InRoot(h.Name, StandIns.DelayFile));
        }
    }

    private static async Task StartupAsync(ResultTable table)
    {
        // 3. Dry run of the whole cluster (built-in example config) and cold start of --help, vs `true`.
        Console.Error.WriteLine("dry run and cold start...");
        var trueRuns = await Samples.MeasureAsync(20, async () => (await ChildProcess.RunAsync("/bin/true", [])).Wall);
        using var dryDir = new OsInstall.Tests.TestSupport.TempDir("osinstall-bench");
        var dry = await Samples.MeasureAsync(5, async () =>
        {
            var r = await Osinstall.RunAsync(["cluster", "install", "--dry-run", "--log-dir", dryDir.File("logs"), "--state-dir", dryDir.File("state")]);
            return r.ExitCode == 0 ? r.Wall : throw new InvalidOperationException("dry run failed: " + r.Output);
        });
        var help = await Samples.MeasureAsync(5, async () =>
        {
            var r = await Osinstall.RunAsync(["--help"]);
            return r.ExitCode == 0 ? r.Wall : throw new InvalidOperationException("--help failed: " + r.Output);
        });
        var trueMs = trueRuns.MedianMs;
        table.Add("`cluster install --dry-run`, whole example cluster (median of 5)", ResultTable.Ms(dry.MedianMs), $"`true` process {ResultTable.Ms(trueMs)}",
            ResultTable.Ratio(dry.MedianMs, trueMs), "<= 1000 ms", dry.MedianMs <= 1000);
        table.Add("`osinstall --help` cold start (median of 5)", ResultTable.Ms(help.MedianMs), $"`true` process {ResultTable.Ms(trueMs)}",
            ResultTable.Ratio(help.MedianMs, trueMs), "<= 300 ms", help.MedianMs <= 300);
    }
}
