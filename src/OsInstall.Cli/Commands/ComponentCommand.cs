using System.CommandLine;
using OsInstall.Cli.Services;
using OsInstall.Common.Journal;
using OsInstall.Components;
using Spectre.Console;

namespace OsInstall.Cli.Commands;

/// <summary>osinstall component install|uninstall NAME, component list.</summary>
public static class ComponentCommand
{
    public static Command Build(IAnsiConsole console, Func<CancellationToken> stop, TextWriter output)
    {
        var component = new Command("component", "install, uninstall or list single components");

        var name = new Argument<string>("name") { Description = "component name (see 'component list')" };
        var dry = new Option<bool>("--dry-run") { Description = "print every command and file; touch nothing" };
        var install = new Command("install", "install one component (again, if installed: every step is idempotent)") { name, dry };
        install.SetAction((parse, _) => CommandHost.RunAsync(console, async () =>
        {
            var settings = Settings.From(parse);
            var components = ComponentCatalog.Resolve([parse.GetValue(name)!]);
            return await new InstallService(console, output).RunAsync(settings, components, false, parse.GetValue(dry), force: true, stop()).ConfigureAwait(false);
        }));

        var nameU = new Argument<string>("name") { Description = "component name" };
        var dryU = new Option<bool>("--dry-run") { Description = "print what uninstall would do; touch nothing" };
        var yes = new Option<bool>("--yes") { Description = "do not ask before uninstalling" };
        var uninstall = new Command("uninstall", "uninstall one component") { nameU, dryU, yes };
        uninstall.SetAction((parse, _) => CommandHost.RunAsync(console, async () =>
        {
            var settings = Settings.From(parse);
            var components = ComponentCatalog.Resolve([parse.GetValue(nameU)!]);
            var dryRun = parse.GetValue(dryU);
            if (!dryRun && !Confirm.Destructive(console, parse.GetValue(yes), $"uninstall {components[0].Name}"))
            {
                return ExitCodes.BadInput;
            }
            return await new InstallService(console, output).RunAsync(settings, components, true, dryRun, force: true, stop()).ConfigureAwait(false);
        }));

        var list = new Command("list", "components in install order: hosts they touch, installed or not");
        list.SetAction(parse => CommandHost.RunAsync(console, () =>
        {
            var settings = Settings.From(parse);
            var (config, _, _) = CliSession.LoadInputs(settings);
            var journal = InstallJournal.Load(CliSession.JournalPath(settings));
            var table = new Table().Border(TableBorder.Rounded).AddColumn("#").AddColumn("component").AddColumn("hosts").AddColumn("state").AddColumn("updated");
            foreach (var c in ComponentCatalog.ForConfig(config))
            {
                var r = journal.Get(c.Name);
                table.AddRow(c.Order.ToString(System.Globalization.CultureInfo.InvariantCulture), c.Name,
                    Markup.Escape(string.Join(", ", c.Hosts(config))), StateText(r.State, r.FailedStep),
                    r.State == ComponentState.NotInstalled ? "" : r.Updated.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture));
            }
            console.Write(table);
            return Task.FromResult(ExitCodes.Ok);
        }).GetAwaiter().GetResult());

        component.Subcommands.Add(install);
        component.Subcommands.Add(uninstall);
        component.Subcommands.Add(list);
        return component;
    }

    public static string StateText(ComponentState state, string? failedStep) => state switch
    {
        ComponentState.Installed => "[green]installed[/]",
        ComponentState.NotInstalled => "not installed",
        ComponentState.Failed => $"[red]failed at {Markup.Escape(failedStep ?? "?")}[/]",
        ComponentState.UninstallFailed => $"[red]uninstall failed at {Markup.Escape(failedStep ?? "?")}[/]",
        _ => $"[yellow]{state.ToString().ToLowerInvariant()}[/]",
    };
}
