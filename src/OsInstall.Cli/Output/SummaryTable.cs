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
            .AddColumn("component").AddColumn("action").AddColumn("result").AddColumn("steps").AddColumn("hosts").AddColumn("time");
        foreach (var s in summaries)
        {
            var color = s.Result switch { "ok" => "green", "skipped" => "grey", "running" => "yellow", _ => "red" };
            var steps = s.Skipped > 0 ? $"{s.Done}/{s.Steps} ({s.Skipped} done earlier)" : $"{s.Done}/{s.Steps}";
            table.AddRow(Markup.Escape(s.Component), s.Direction, $"[{color}]{Markup.Escape(s.Result)}[/]", steps, HostCounts(s.Hosts), $"{s.Duration.TotalSeconds:F1}s");
        }
        table.Caption($"total {total.TotalSeconds:F1}s");
        console.Write(table);
        PrintHostResults(console, summaries);
    }

    /// <summary>"8 ok" or "7 ok, 1 failed": how many hosts finished every step they ran.</summary>
    public static string HostCounts(IReadOnlyList<HostResult> hosts)
    {
        var failed = hosts.Count(h => !h.Ok);
        var ok = hosts.Count - failed;
        return failed == 0 ? (ok == 0 ? "" : $"{ok} ok") : $"{ok} ok, [red]{failed} failed[/]";
    }

    /// <summary>Where a component failed: each of its hosts with its result, so the rerun's work is plain.</summary>
    private static void PrintHostResults(IAnsiConsole console, IReadOnlyList<ComponentSummary> summaries)
    {
        foreach (var s in summaries.Where(x => x.Hosts.Any(h => !h.Ok)))
        {
            var table = new Table().Border(TableBorder.Rounded).Title($"{Markup.Escape(s.Component)}: result per host")
                .AddColumn("host").AddColumn("result").AddColumn("failed step").AddColumn("error");
            foreach (var h in s.Hosts.OrderBy(h => h.Ok).ThenBy(h => h.Host, StringComparer.Ordinal))
            {
                table.AddRow(Markup.Escape(h.Host), h.Ok ? "[green]ok[/]" : "[red]FAILED[/]",
                    Markup.Escape(h.FailedStep ?? ""), Markup.Escape(FirstLine(h.Error ?? "")));
            }
            table.Caption("a rerun of the same command does only the failed hosts' steps");
            console.Write(table);
        }
    }

    private static string FirstLine(string text)
    {
        var line = text.Split('\n', 2)[0];
        return line.Length > 160 ? line[..160] + "…" : line;
    }
}
