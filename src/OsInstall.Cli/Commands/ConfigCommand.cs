using System.CommandLine;
using OsInstall.Cli.Services;
using Spectre.Console;

namespace OsInstall.Cli.Commands;

/// <summary>osinstall config validate.</summary>
public static class ConfigCommand
{
    public static Command Build(IAnsiConsole console)
    {
        var config = new Command("config", "work with the cluster config");
        var validate = new Command("validate", "check the config (and secrets file, if present); every problem is listed with its line");
        validate.SetAction((parse, _) => CommandHost.RunAsync(console, () =>
        {
            var settings = Settings.From(parse);
            var (cfg, source, _) = CliSession.LoadInputs(settings);
            console.MarkupLine($"[green]ok:[/] {Markup.Escape(source)}: {cfg.Controllers.Count} controllers, {cfg.ComputeNodes.Count} compute nodes" +
                (cfg.ReadyToProceed ? "" : " [yellow](ready_to_proceed is false: only --dry-run will run)[/]"));
            return Task.FromResult(ExitCodes.Ok);
        }));
        config.Subcommands.Add(validate);
        return config;
    }
}
