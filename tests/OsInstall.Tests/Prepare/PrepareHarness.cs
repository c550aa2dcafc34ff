using OsInstall.Common.Config;
using OsInstall.Common.Engine;
using OsInstall.Common.Journal;
using OsInstall.Common.Secrets;
using OsInstall.Common.Targets;
using OsInstall.Components;
using OsInstall.Components.Prepare;

namespace OsInstall.Tests.Prepare;

/// <summary>Runs prepare through the real <see cref="ComponentRunner"/> against any target provider.</summary>
internal static class PrepareHarness
{
    public static async Task<IReadOnlyList<PlannedAction>> DryRunInstallAsync(ClusterConfig config, SecretStore? secrets = null)
    {
        var recorder = new DryRunRecorder();
        await using var provider = new DryRunTargetProvider(recorder);
        await Runner(config, secrets ?? PrepareTestConfig.Secrets(), provider, dryRun: true)
            .InstallAsync([new PrepareInstaller()], CancellationToken.None);
        return recorder.Snapshot();
    }

    public static async Task<IReadOnlyList<PlannedAction>> DryRunUninstallAsync(ClusterConfig config)
    {
        var recorder = new DryRunRecorder();
        await using var provider = new DryRunTargetProvider(recorder);
        await Runner(config, PrepareTestConfig.Secrets(), provider, dryRun: true)
            .UninstallAsync([new PrepareInstaller()], CancellationToken.None);
        return recorder.Snapshot();
    }

    /// <summary>A dry run writes no log; a real run logs into <paramref name="logDir"/>.</summary>
    public static ComponentRunner Runner(ClusterConfig config, SecretStore secrets, ITargetProvider provider, bool dryRun, string? logDir = null) =>
        new(config, secrets, ComponentCatalog.Templates, provider, InstallJournal.InMemory(),
            new RunOptions { LogDir = logDir ?? "/nonexistent/dry-run-writes-no-log", DryRun = dryRun });

    public static ComponentContext Context(ClusterConfig config, bool dryRun = false) =>
        new(config, PrepareTestConfig.Secrets(), ComponentCatalog.Templates,
            (_, _) => throw new InvalidOperationException("no hosts in a rendering test"),
            (_, _, _) => Task.CompletedTask,
            Serilog.Core.Logger.None, dryRun);

    public static IEnumerable<PlannedAction> Writes(this IEnumerable<PlannedAction> actions, string host) =>
        actions.Where(a => a.Host == host && a.Kind == "write");

    public static PlannedAction Write(this IEnumerable<PlannedAction> actions, string host, string path) =>
        actions.Single(a => a.Host == host && a.Kind == "write" && a.Path == path);

    public static IEnumerable<string> Commands(this IEnumerable<PlannedAction> actions, string host) =>
        actions.Where(a => a.Host == host && a.Kind == "run").Select(a => a.Detail);
}
