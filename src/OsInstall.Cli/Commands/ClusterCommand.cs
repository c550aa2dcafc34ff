using System.CommandLine;
using OsInstall.Cli.Services;
using Spectre.Console;

namespace OsInstall.Cli.Commands;

/// <summary>osinstall cluster install|uninstall.</summary>
public static class ClusterCommand
{
    public static Command Build(IAnsiConsole console, Func<CancellationToken> stop, TextWriter output)
    {
        var cluster = new Command("cluster", "install or uninstall the whole cluster, in order");

        var from = new Option<string?>("--from") { Description = "start at this component (installed ones are still skipped: use component install to redo one)" };
        var only = new Option<string?>("--only") { Description = "only these components, comma separated (installed ones are skipped)" };
        var dry = new Option<bool>("--dry-run") { Description = "print every command and file per component and host; touch nothing" };
        var install = new Command("install", "install every component in order; installed ones are skipped, a failed one resumes") { from, only, dry };
        install.SetAction((parse, _) => CommandHost.RunAsync(console, async () =>
        {
            var settings = Settings.From(parse);
            var f = parse.GetValue(from);
            var o = parse.GetValue(only);
            return await new InstallService(console, output).RunAsync(settings, config => InstallService.Select(config, f, o), uninstall: false,
                parse.GetValue(dry), force: false, stop()).ConfigureAwait(false);
        }));

        var dryU = new Option<bool>("--dry-run") { Description = "print what uninstall would do; touch nothing" };
        var yes = new Option<bool>("--yes") { Description = "do not ask before uninstalling" };
        var uninstall = new Command("uninstall", "uninstall every component, in reverse order") { dryU, yes };
        uninstall.SetAction((parse, _) => CommandHost.RunAsync(console, async () =>
        {
            var settings = Settings.From(parse);
            var (config, _, _) = CliSession.LoadInputs(settings);
            var components = Components.ComponentCatalog.ForConfig(config);
            var dryRun = parse.GetValue(dryU);
            if (!dryRun && !Confirm.Destructive(console, parse.GetValue(yes), $"uninstall the whole cluster ({components.Count} components)"))
            {
                return ExitCodes.BadInput;
            }
            return await new InstallService(console, output).RunAsync(settings, components, uninstall: true, dryRun, force: true, stop()).ConfigureAwait(false);
        }));

        cluster.Subcommands.Add(install);
        cluster.Subcommands.Add(uninstall);
        return cluster;
    }
}
