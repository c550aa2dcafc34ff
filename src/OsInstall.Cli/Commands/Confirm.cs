using Spectre.Console;

namespace OsInstall.Cli.Commands;

/// <summary>The one question osinstall asks: before a destructive action, unless --yes.</summary>
public static class Confirm
{
    public static bool Destructive(IAnsiConsole console, bool yes, string what)
    {
        if (yes)
        {
            return true;
        }
        if (Console.IsInputRedirected || !console.Profile.Capabilities.Interactive)
        {
            console.MarkupLine($"[red]error:[/] refusing to {Markup.Escape(what)} without confirmation: pass --yes");
            return false;
        }
        return console.Confirm($"Really {Markup.Escape(what)}?", defaultValue: false);
    }
}
