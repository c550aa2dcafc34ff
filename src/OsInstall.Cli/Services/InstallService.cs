using System.Diagnostics;
using OsInstall.Cli.Output;
using OsInstall.Common.Engine;
using OsInstall.Common.Journal;
using OsInstall.Components;
using Spectre.Console;

namespace OsInstall.Cli.Services;

/// <summary>Installs or uninstalls a list of components and reports on the console.</summary>
public sealed class InstallService(IAnsiConsole console, TextWriter? echo = null)
{
    public Task<int> RunAsync(Settings settings, IReadOnlyList<IComponent> components, bool uninstall, bool dryRun, bool force, CancellationToken ct) =>
        RunAsync(settings, _ => components, uninstall, dryRun, force, ct);

    /// <summary>Runs the components <paramref name="select"/> picks from the loaded config.</summary>
    public async Task<int> RunAsync(Settings settings, Func<Common.Config.ClusterConfig, IReadOnlyList<IComponent>> select, bool uninstall, bool dryRun, bool force, CancellationToken ct)
    {
        // SSH.NET's connect holds a pool thread through key exchange and authentication, so --parallel N
        // first connections need N threads at once; the pool's own growth (about two a second) let 9 of
        // 35 connects time out at --parallel 32 on 2 cores (bench/OsInstall.Bench).
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, settings.Parallel + 4), io);
        await using var session = CliSession.Open(settings, dryRun, select);
        var components = session.Components;
        var observer = new ConsoleRunObserver(console, session.Masker, session.Recorder);
        var runner = session.Runner(new RunOptions
        {
            LogDir = settings.LogDir,
            Parallel = settings.Parallel,
            DryRun = dryRun,
            Force = force,
            Masker = session.Masker,
            Observer = observer,
            Echo = settings.Verbose ? echo : null,
        });
        console.MarkupLine($"[grey]config: {Markup.Escape(session.ConfigSource)}; logs: {Markup.Escape(Path.GetFullPath(settings.LogDir))}{(dryRun ? "; DRY RUN: nothing leaves this machine" : "")}[/]");
        var sw = Stopwatch.StartNew();
        try
        {
            if (uninstall)
            {
                await runner.UninstallAsync(components, ct).ConfigureAwait(false);
            }
            else
            {
                await runner.InstallAsync(components, ct).ConfigureAwait(false);
            }
        }
        finally
        {
            if (dryRun)
            {
                DryRunPrinter.Print(console, observer.Planned, session.Masker);
            }
            SummaryTable.Print(console, observer.Summaries, sw.Elapsed);
        }
        return ExitCodes.Ok;
    }

    /// <summary>The components a cluster install runs: all for the config, or from one on, or only some.</summary>
    public static IReadOnlyList<IComponent> Select(Common.Config.ClusterConfig config, string? from, string? only)
    {
        if (from is not null && only is not null)
        {
            throw new Commands.UsageException("--from and --only exclude each other");
        }
        var all = ComponentCatalog.ForConfig(config);
        if (only is not null)
        {
            return ComponentCatalog.Resolve(only.Split(',', StringSplitOptions.RemoveEmptyEntries));
        }
        if (from is not null)
        {
            var start = ComponentCatalog.Resolve([from])[0];
            return all.Where(c => c.Order >= start.Order).ToList();
        }
        return all;
    }
}
