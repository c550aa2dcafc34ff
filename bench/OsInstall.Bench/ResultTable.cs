using System.Globalization;

namespace OsInstall.Bench;

/// <summary>The bench's output: one row per figure, each with its baseline from the same run and the target.</summary>
public sealed class ResultTable
{
    private readonly List<string[]> rows = [];

    public void Add(string what, string value, string baseline, string ratio, string target, bool? met)
    {
        rows.Add([what, value, baseline, ratio, target, met switch { true => "met", false => "MISSED", null => "-" }]);
    }

    public static string Ms(double ms) => ms.ToString(ms < 10 ? "0.00" : "0", CultureInfo.InvariantCulture) + " ms";

    public static string Ratio(double value, double baseline) =>
        value >= baseline
            ? (value / baseline).ToString("0.00", CultureInfo.InvariantCulture) + "x"
            : "1/" + (baseline / value).ToString("0.0", CultureInfo.InvariantCulture);

    public string Render()
    {
        string[] header = ["measure", "value", "baseline (same run)", "ratio", "target", ""];
        var all = rows.Prepend(header).ToList();
        var widths = Enumerable.Range(0, header.Length).Select(i => all.Max(r => r[i].Length)).ToArray();
        var lines = all.Select(r => "| " + string.Join(" | ", r.Select((c, i) => c.PadRight(widths[i]))) + " |").ToList();
        lines.Insert(1, "|" + string.Join("|", widths.Select(w => new string('-', w + 2))) + "|");
        return string.Join('\n', lines);
    }
}
