using System.CommandLine;
using OsInstall.Cli.Services;
using Spectre.Console;

namespace OsInstall.Cli.Commands;

/// <summary>osinstall status: each component's journal state and its live health check.</summary>
public static class StatusCommand
{
    public static Command Build(IAnsiConsole console)
    {
        var noCheck = new Option<bool>("--no-check") { Description = "journal only: do not contact the hosts" };
        var status = new Command("status", "each component: installed or not, when, and its health check") { noCheck };
        status.SetAction((parse, ct) => CommandHost.RunAsync(console, () =>
            new StatusService(console).RunAsync(Settings.From(parse), !parse.GetValue(noCheck), ct)));
        return status;
    }
}
