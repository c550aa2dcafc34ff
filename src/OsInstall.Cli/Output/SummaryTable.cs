using Spectre.Console;

namespace OsInstall.Cli.Output;

public static class SummaryTable
{
    public static void Print(IAnsiConsole console, IReadOnlyList<ComponentSummary> summaries, TimeSpan total)
    {
        if (summaries.Count == 0)
        {
            return;
        }
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("component").AddColumn("action").AddColumn("result").AddColumn("steps").AddColumn("time");
        foreach (var s in summaries)
        {
            var color = s.Result switch { "ok" => "green", "skipped" => "grey", "running" => "yellow", _ => "red" };
            var steps = s.Skipped > 0 ? $"{s.Done}/{s.Steps} ({s.Skipped} done earlier)" : $"{s.Done}/{s.Steps}";
            table.AddRow(Markup.Escape(s.Component), s.Direction, $"[{color}]{Markup.Escape(s.Result)}[/]", steps, $"{s.Duration.TotalSeconds:F1}s");
        }
        table.Caption($"total {total.TotalSeconds:F1}s");
        console.Write(table);
    }
}
