using OsInstall.Common.Secrets;
using OsInstall.Common.Targets;
using Spectre.Console;

namespace OsInstall.Cli.Output;

/// <summary>Prints what a dry run recorded: per component, per host, every command and file, secrets masked.</summary>
/// <remarks>
/// The actions (thousands of lines for the whole cluster, some of them long) go straight to the
/// console's writer, one line each: laid out by Spectre (markup parsing, cell widths of every
/// character, wrapping), they took half of a whole-cluster dry run's time (bench/OsInstall.Bench).
/// Unwrapped, a long command also stays one line that can be copied.
/// </remarks>
public static class DryRunPrinter
{
    private const string Grey = "\u001b[90m";
    private const string Reset = "\u001b[0m";

    public static void Print(IAnsiConsole console, IEnumerable<(string Component, IReadOnlyList<PlannedAction> Actions)> planned, SecretMasker masker)
    {
        var writer = console.Profile.Out.Writer;
        var ansi = console.Profile.Capabilities.Ansi;
        foreach (var (component, actions) in planned)
        {
            console.Write(new Rule($"[bold]{Markup.Escape(component)}[/]").LeftJustified());
            foreach (var host in actions.GroupBy(a => a.Host))
            {
                console.MarkupLine($"[blue]{Markup.Escape(host.Key)}[/]");
                foreach (var a in host)
                {
                    var verb = a.Kind switch { "run" => "$", "write" => "write", "read" => "read", "test" => "test -e", _ => a.Kind };
                    writer.Write(ansi ? $"  {Grey}{verb}{Reset} " : $"  {verb} ");
                    writer.WriteLine(masker.Apply(a.Detail));
                }
            }
        }
        writer.Flush();
    }
}
