using OsInstall.Tests.EndToEnd;
using OsInstall.Tests.Simulation;

namespace OsInstall.Bench;

/// <summary>
/// One timed `component install rsyslog` on the controllers and the first N compute nodes, from a
/// fresh operator directory; a failed run is reported, not
/// retried. Afterwards (untimed) the component is uninstalled again, so every run
/// finds the hosts in the same state.
/// </summary>
public static class FanOutRun
{
    public static async Task<ChildProcess.Outcome> InstallAsync(SimulatedCluster cluster, int computeNodes, int parallel)
    {
        using var op = new CliScenario(cluster, c => c.ComputeNodes = [.. c.ComputeNodes.Take(computeNodes)]);
        string[] common = ["--config", op.ConfigPath, "--secrets", op.SecretsPath, "--log-dir", op.LogDir, "--state-dir", op.StateDir];
        var install = await Osinstall.RunAsync(["component", "install", "rsyslog", "--parallel", parallel.ToString(System.Globalization.CultureInfo.InvariantCulture), .. common], watchMemory: true).ConfigureAwait(false);
        if (install.ExitCode != 0)
        {
            Console.Error.WriteLine($"install on {computeNodes} compute nodes at --parallel {parallel} exited {install.ExitCode}:\n{install.Output}");
        }
        var uninstall = await Osinstall.RunAsync(["component", "uninstall", "rsyslog", "--yes", "--parallel", "32", .. common]).ConfigureAwait(false);
        if (uninstall.ExitCode != 0)
        {
            throw new InvalidOperationException($"uninstall exited {uninstall.ExitCode}:\n{uninstall.Output}");
        }
        return install;
    }
}
