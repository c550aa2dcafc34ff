using OsInstall.Cli.Output;
using OsInstall.Common.Engine;
using OsInstall.Common.Secrets;
using OsInstall.Common.Targets;
using Spectre.Console;

namespace OsInstall.Cli.Services;

/// <summary>Runs install as a dry run and writes out every file it would write.</summary>
public sealed class RenderService(IAnsiConsole console)
{
    public async Task<int> RenderAsync(Settings settings, string outDir, bool withSecrets, string? only)
    {
        await using var session = CliSession.Open(settings, dryRun: true, config => InstallService.Select(config, null, only));
        var components = session.Components;
        var quiet = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) });
        var observer = new ConsoleRunObserver(quiet, session.Masker, session.Recorder);
        var runner = session.Runner(new RunOptions { LogDir = settings.LogDir, DryRun = true, Force = true, Masker = session.Masker, Observer = observer });
        await runner.InstallAsync(components, CancellationToken.None).ConfigureAwait(false);

        var masker = withSecrets ? SecretMasker.None : session.Masker;
        var count = 0;
        foreach (var (_, actions) in observer.Planned)
        {
            foreach (var write in actions.Where(a => a.Kind == "write" && a.Path is not null && a.Content is not null))
            {
                var path = Path.Combine(outDir, write.Host, write.Path!.TrimStart('/'));
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await File.WriteAllTextAsync(path, masker.Apply(write.Content)).ConfigureAwait(false);
                count++;
            }
        }
        console.MarkupLine($"[green]{count}[/] files written under {Markup.Escape(Path.GetFullPath(outDir))}{(withSecrets ? " [yellow](with secrets)[/]" : " (secrets masked)")}");
        return ExitCodes.Ok;
    }
}
