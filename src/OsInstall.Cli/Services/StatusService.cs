using OsInstall.Cli.Commands;
using OsInstall.Common.Engine;
using OsInstall.Common.Journal;
using OsInstall.Components;
using Spectre.Console;

namespace OsInstall.Cli.Services;

public sealed class StatusService(IAnsiConsole console)
{
    public async Task<int> RunAsync(Settings settings, bool check, CancellationToken ct)
    {
        var (config, _, _) = CliSession.LoadInputs(settings);
        var components = ComponentCatalog.ForConfig(config);
        var table = new Table().Border(TableBorder.Rounded).AddColumn("component").AddColumn("state").AddColumn("updated").AddColumn("health");
        var healthy = true;
        if (!check)
        {
            var journal = InstallJournal.Load(CliSession.JournalPath(settings));
            foreach (var c in components)
            {
                var r = journal.Get(c.Name);
                table.AddRow(c.Name, ComponentCommand.StateText(r.State, r.FailedStep), Updated(r), "[grey]not checked[/]");
            }
            console.Write(table);
            return ExitCodes.Ok;
        }
        await using var session = CliSession.Open(settings, dryRun: false, [], needsLock: false);
        var runner = session.Runner(new RunOptions { LogDir = settings.LogDir, Masker = session.Masker });
        foreach (var c in components)
        {
            var r = session.Journal.Get(c.Name);
            string health;
            if (r.State == ComponentState.NotInstalled)
            {
                health = "[grey]-[/]";
            }
            else
            {
                try
                {
                    var report = await runner.VerifyAsync(c, ct).ConfigureAwait(false);
                    healthy &= report.Healthy;
                    health = report.Healthy
                        ? $"[green]ok[/] ({report.Checks.Count} checks)"
                        : "[red]" + Markup.Escape(string.Join("; ", report.Checks.Where(x => !x.Ok).Select(x => $"{x.Host}: {x.Check}: {session.Masker.Apply(x.Detail)}"))) + "[/]";
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    healthy = false;
                    health = $"[red]{Markup.Escape(session.Masker.Apply(ex.Message))}[/]";
                }
            }
            table.AddRow(c.Name, ComponentCommand.StateText(r.State, r.FailedStep), Updated(r), health);
        }
        console.Write(table);
        return healthy ? ExitCodes.Ok : ExitCodes.StepFailed;
    }

    private static string Updated(ComponentRecord r) =>
        r.State == ComponentState.NotInstalled ? "" : r.Updated.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
