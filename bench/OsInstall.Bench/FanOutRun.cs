using OsInstall.Tests.Compute;
using OsInstall.Tests.EndToEnd;
using OsInstall.Tests.Simulation;

namespace OsInstall.Bench;

/// <summary>
/// One timed `component install compute` on the first N compute nodes, from a fresh operator
/// directory, after seeding what the component expects on the simulated hosts (the zones, the
/// containers' package tarball, each node's QEMU checkout: <see cref="ComputeCluster.Seed(SimulatedCluster, OsInstall.Common.Config.ClusterConfig)"/>).
/// A failed run is reported, not retried. Afterwards (untimed) the component is uninstalled again,
/// so every run finds the hosts in the same state and does the same work.
/// </summary>
public static class FanOutRun
{
    public const string Component = "compute";

    public static async Task<ChildProcess.Outcome> InstallAsync(SimulatedCluster cluster, int computeNodes, int parallel)
    {
        using var op = new CliScenario(cluster, c =>
        {
            c.ComputeNodes = [.. c.ComputeNodes.Take(computeNodes)];
            c.Versions.QemuRef = "v9.2.2"; // the sim's apk knows no package versions to derive it from
            // 32 key exchanges at once on the 2 shared cores that also run every simulated sshd:
            // the default 10 s handshake limit is for real hosts, which do their half on their own CPU.
            c.Ssh.ConnectTimeoutSeconds = 60;
        });
        ComputeCluster.Seed(cluster, cluster.CreateConfig());
        string[] common = ["--config", op.ConfigPath, "--secrets", op.SecretsPath, "--log-dir", op.LogDir, "--state-dir", op.StateDir];
        var p = parallel.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var install = await Osinstall.RunAsync(["component", "install", Component, "--parallel", p, .. common], watchMemory: true).ConfigureAwait(false);
        if (install.ExitCode != 0)
        {
            Console.Error.WriteLine($"install on {computeNodes} compute nodes at --parallel {parallel} exited {install.ExitCode}:\n{install.Output}");
        }
        // OSINSTALL_BENCH_LOGS=DIR keeps each install's logs (per-command durations) in DIR/<nodes>-p<parallel>.
        if (Environment.GetEnvironmentVariable("OSINSTALL_BENCH_LOGS") is { Length: > 0 } keep && Directory.Exists(op.LogDir))
        {
            var to = Path.Combine(keep, $"{computeNodes}-p{parallel}");
            Directory.CreateDirectory(to);
            foreach (var f in Directory.EnumerateFiles(op.LogDir, "*", SearchOption.AllDirectories))
            {
                File.Copy(f, Path.Combine(to, Path.GetFileName(f)), overwrite: true);
            }
        }
        var uninstall = await Osinstall.RunAsync(["component", "uninstall", Component, "--yes", "--parallel", "32", .. common]).ConfigureAwait(false);
        if (uninstall.ExitCode != 0)
        {
            throw new InvalidOperationException($"uninstall exited {uninstall.ExitCode}:\n{uninstall.Output}");
        }
        return install;
    }
}
