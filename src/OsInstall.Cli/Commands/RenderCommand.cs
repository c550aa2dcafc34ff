using System.CommandLine;
using OsInstall.Cli.Services;
using Spectre.Console;

namespace OsInstall.Cli.Commands;

/// <summary>osinstall render --out DIR: every file install would write, as DIR/HOST/PATH.</summary>
public static class RenderCommand
{
    public static Command Build(IAnsiConsole console)
    {
        var output = new Option<string>("--out") { Description = "directory to write DIR/HOST/PATH into", Required = true };
        var withSecrets = new Option<bool>("--with-secrets") { Description = "write real secret values (default: masked)" };
        var only = new Option<string?>("--only") { Description = "only these components, comma separated" };
        var render = new Command("render", "write every file that install would write, per host, without touching any host") { output, withSecrets, only };
        render.SetAction((parse, _) => CommandHost.RunAsync(console, () =>
            new RenderService(console).RenderAsync(Settings.From(parse), parse.GetValue(output)!, parse.GetValue(withSecrets), parse.GetValue(only))));
        return render;
    }
}
