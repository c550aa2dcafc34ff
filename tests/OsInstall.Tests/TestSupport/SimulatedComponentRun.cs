using OsInstall.Common.Config;
using OsInstall.Common.Engine;
using OsInstall.Common.Journal;
using OsInstall.Common.Secrets;
using OsInstall.Components;
using OsInstall.Tests.Simulation;

namespace OsInstall.Tests.TestSupport;

/// <summary>A component's install or uninstall through the real runner, over SSH, on the simulated hosts.</summary>
internal static class SimulatedComponentRun
{
    /// <summary>Forgets the calls so far, so that <see cref="CallsOf"/> afterwards shows this run's alone.</summary>
    public static async Task RunComponentAsync(this SimulatedCluster cluster, IComponent component, ClusterConfig config,
        SecretStore secrets, string logDir, bool uninstall = false)
    {
        cluster.ClearCalls();
        await using var provider = cluster.CreateProvider(config: config);
        // Force: like `component install`, every step runs again whatever the journal says.
        var runner = new ComponentRunner(config, secrets, ComponentCatalog.Templates, provider, InstallJournal.InMemory(),
            new RunOptions { LogDir = logDir, Force = true });
        await (uninstall
            ? runner.UninstallAsync([component], CancellationToken.None)
            : runner.InstallAsync([component], CancellationToken.None));
    }

    /// <summary>The host's calls of one stand-in command.</summary>
    public static IEnumerable<SimulatedCall> CallsOf(this SimulatedCluster cluster, string host, string command) =>
        cluster.Calls(host).Where(c => c.Command == command);
}
