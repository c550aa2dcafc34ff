using OsInstall.Common.Config;
using OsInstall.Common.Engine;
using OsInstall.Common.Journal;
using OsInstall.Common.Secrets;
using OsInstall.Common.Targets;
using OsInstall.Components;
using OsInstall.Components.Rsyslog;

namespace OsInstall.Tests.Rsyslog;

/// <summary>What the rsyslog component would do to every host, recorded by a dry run through the real runner.</summary>
internal static class DryRunPlan
{
    public static Task<IReadOnlyList<PlannedAction>> InstallAsync(ClusterConfig config) => RunAsync(config, install: true);

    public static Task<IReadOnlyList<PlannedAction>> UninstallAsync(ClusterConfig config) => RunAsync(config, install: false);

    /// <summary>The content written to <paramref name="path"/> on <paramref name="host"/>.</summary>
    public static string Written(IReadOnlyList<PlannedAction> plan, string host, string path) =>
        plan.Single(a => a.Host == host && a.Kind == "write" && a.Path == path).Content!;

    /// <summary>The commands run on <paramref name="host"/>, in order.</summary>
    public static IReadOnlyList<string> Commands(IReadOnlyList<PlannedAction> plan, string host) =>
        plan.Where(a => a.Host == host && a.Kind == "run").Select(a => a.Detail).ToList();

    private static async Task<IReadOnlyList<PlannedAction>> RunAsync(ClusterConfig config, bool install)
    {
        var recorder = new DryRunRecorder();
        await using var targets = new DryRunTargetProvider(recorder);
        var logDir = Directory.CreateTempSubdirectory("osinstall-rsyslog-logs-");
        try
        {
            var runner = new ComponentRunner(config, new SecretStore(), ComponentCatalog.Templates, targets,
                InstallJournal.InMemory(), new RunOptions { LogDir = logDir.FullName, DryRun = true });
            IComponent[] components = [new RsyslogInstaller()];
            if (install)
            {
                await runner.InstallAsync(components, CancellationToken.None);
            }
            else
            {
                await runner.UninstallAsync(components, CancellationToken.None);
            }
            return recorder.Snapshot();
        }
        finally
        {
            logDir.Delete(recursive: true);
        }
    }
}
