using OsInstall.Common.Secrets;
using OsInstall.Common.Targets;
using Spectre.Console;

namespace OsInstall.Cli.Output;

/// <summary>Prints what a dry run recorded: per component, per host, every command and file, secrets masked.</summary>
public static class DryRunPrinter
{
    public static void Print(IAnsiConsole console, IEnumerable<(string Component, IReadOnlyList<PlannedAction> Actions)> planned, SecretMasker masker)
    {
        foreach (var (component, actions) in planned)
        {
            console.Write(new Rule($"[bold]{Markup.Escape(component)}[/]").LeftJustified());
            foreach (var host in actions.GroupBy(a => a.Host))
            {
                console.MarkupLine($"[blue]{Markup.Escape(host.Key)}[/]");
                foreach (var a in host)
                {
                    var verb = a.Kind switch { "run" => "$", "write" => "write", "read" => "read", "test" => "test -e", _ => a.Kind };
                    console.MarkupLine($"  [grey]{verb}[/] {Markup.Escape(masker.Apply(a.Detail))}");
                }
            }
        }
    }
}
